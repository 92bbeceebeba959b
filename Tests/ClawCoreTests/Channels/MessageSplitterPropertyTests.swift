import ClawCore
import Testing

/// Random replies (emoji, combining marks, CJK, code blocks, paragraphs) against every limit
/// the platforms use and some small ones: every part fits, no part is empty, and the parts with
/// the dropped separators put back are the reply.
@Suite struct MessageSplitterPropertyTests {
    /// SplitMix64: the same seed gives the same texts, so a failure names a replayable case.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces = [
        "word", "a", "longerword", "👨‍👩‍👧‍👦", "🇩🇪", "👍🏽", "e\u{301}", "n\u{303}\u{323}", "漢字", "かな", "한국어",
        "\u{1F600}", "ü", "\r\n", "Z̤͔ͧ̑̓",
    ]
    static let separators = [" ", " ", " ", "\n", "\n\n", "  "]

    static func reply(_ rng: inout Seeded) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 1...400, using: &rng) {
            if Int.random(in: 0..<40, using: &rng) == 0 {
                let body = (0..<Int.random(in: 1...30, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }
                text += "\n```swift\n" + body.joined(separator: Int.random(in: 0..<3, using: &rng) == 0 ? "\n" : " ") + "\n```\n"
            } else {
                text += pieces.randomElement(using: &rng)! + separators.randomElement(using: &rng)!
            }
        }
        return text
    }

    /// The parts, with only spaces and line breaks between them, spell `text` character by character.
    static func reassembles(_ parts: [String], _ text: String) -> Bool {
        var rest = Substring(text)
        for part in parts {
            while let first = rest.first, first == " " || first == "\n", !part.hasPrefix(String(first)) { rest = rest.dropFirst() }
            guard rest.hasPrefix(part) else { return false }
            rest = rest.dropFirst(part.count)
        }
        return rest.allSatisfy { $0 == " " || $0 == "\n" }
    }

    @Test(arguments: [7, 20, 64, 2000, 4000, 4096])
    func everyPartFitsAndNothingIsLost(limit: Int) {
        var rng = Seeded(state: UInt64(limit))
        for round in 0..<150 {
            let text = Self.reply(&rng)
            let parts = MessageSplitter.split(text, limit: limit)
            let where_ = "seed \(limit), round \(round)"
            #expect(parts.allSatisfy { !$0.isEmpty }, "\(where_): an empty part")
            #expect(parts.allSatisfy { $0.utf16.count <= limit || $0.count == 1 }, "\(where_): a part over \(limit)")
            #expect(Self.reassembles(parts, text), "\(where_): the parts do not spell the text")
            #expect(parts.joined().count <= text.count)
        }
    }

    @Test func aCodeBlockThatFitsStaysInOnePart() {
        let block = "```\n" + (1...8).map { "let x\($0) = \($0)" }.joined(separator: "\n") + "\n```"
        let text = String(repeating: "intro words ", count: 10) + "\n" + block + "\nafter"
        let parts = MessageSplitter.split(text, limit: 150)
        #expect(parts.contains { $0.contains(block) }, "\(parts)")
        #expect(parts.allSatisfy { $0.utf16.count <= 150 })
    }

    @Test func aCodeBlockLongerThanTheLimitIsCutAtItsLines() {
        let block = "```\n" + (1...40).map { "line \($0)" }.joined(separator: "\n") + "\n```"
        let parts = MessageSplitter.split("look:\n" + block, limit: 100)
        #expect(parts.count > 1)
        #expect(parts.allSatisfy { $0.utf16.count <= 100 })
        #expect(Self.reassembles(parts, "look:\n" + block))
    }
}
