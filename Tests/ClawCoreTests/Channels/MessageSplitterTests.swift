import ClawCore
import Testing

@Suite struct MessageSplitterTests {
    @Test func shortTextIsOnePart() {
        #expect(MessageSplitter.split("hello", limit: 10) == ["hello"])
        #expect(MessageSplitter.split("", limit: 10) == [])
    }

    @Test(arguments: [
        ("aaaa\n\nbbbb\ncc dd", 12, ["aaaa", "bbbb\ncc dd"]),
        ("aaaa bbbb\ncccc dddd", 12, ["aaaa bbbb", "cccc dddd"]),
        ("aaaa bbbb cccc", 10, ["aaaa bbbb", "cccc"]),
        ("abcdefghijkl", 5, ["abcde", "fghij", "kl"]),
        ("ab\n\ncd ef\ngh", 5, ["ab", "cd ef", "gh"]),
    ])
    func splitsAtTheBestBoundary(_ text: String, _ limit: Int, _ expected: [String]) {
        let parts = MessageSplitter.split(text, limit: limit)
        #expect(parts == expected)
        #expect(parts.allSatisfy { $0.count <= limit && !$0.isEmpty })
    }

    @Test func neverCutsAGraphemeCluster() {
        let family = "👨‍👩‍👧‍👦"
        let text = String(repeating: family, count: 9)
        let parts = MessageSplitter.split(text, limit: 4 * family.utf16.count)
        #expect(parts.map(\.count) == [4, 4, 1])
        // A cluster longer than the limit is a part of its own, never cut.
        #expect(MessageSplitter.split(family + family, limit: 3) == [family, family])
        #expect(parts.joined() == text)
        #expect(parts.allSatisfy { $0.allSatisfy { String($0) == family } })
    }

    @Test func telegramLimitOnALongReply() {
        let paragraph = String(repeating: "word ", count: 300)  // 1500 characters
        let text = Array(repeating: paragraph, count: 6).joined(separator: "\n\n")
        let parts = MessageSplitter.split(text, limit: ChannelPlatform.telegram.textLimit)
        #expect(parts.count == 3)
        #expect(parts.allSatisfy { $0.count <= 4096 })
        #expect(parts.joined(separator: " ").split(separator: " ").count == 1800)
    }
}
