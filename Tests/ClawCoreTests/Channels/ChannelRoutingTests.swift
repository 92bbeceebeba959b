import ClawCore
import Foundation
import Testing

@Suite struct ChannelRoutingTests {
    static let pattern = MessageRouting.defaultTriggerPattern(assistantName: "Andy")

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var facts: InboundFacts
        var registered = true
        var main = false
        var allowlist = SenderAllowlist()
        var expected: RoutingDecision
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unregistered chat", facts: .init(sender: "1", text: "@Andy hi", isDirect: true, mentionsBot: true),
             registered: false, expected: .ignore(denied: false)),
        Case(name: "plain group message", facts: .init(sender: "1", text: "hello all", isDirect: false, mentionsBot: false),
             expected: .context(denied: false)),
        Case(name: "mention entity", facts: .init(sender: "1", text: "hey @bot", isDirect: false, mentionsBot: true),
             expected: .trigger),
        Case(name: "trigger pattern, any case", facts: .init(sender: "1", text: "@andy what now", isDirect: false, mentionsBot: false),
             expected: .trigger),
        Case(name: "pattern only at the start", facts: .init(sender: "1", text: "ask @Andy", isDirect: false, mentionsBot: false),
             expected: .context(denied: false)),
        Case(name: "pattern needs a word boundary", facts: .init(sender: "1", text: "@Andyx hi", isDirect: false, mentionsBot: false),
             expected: .context(denied: false)),
        Case(name: "direct message", facts: .init(sender: "1", text: "hi", isDirect: true, mentionsBot: false),
             expected: .trigger),
        Case(name: "main group chat", facts: .init(sender: "1", text: "hi", isDirect: false, mentionsBot: false),
             main: true, expected: .trigger),
        Case(name: "bot's own message", facts: .init(sender: "9", text: "@Andy hi", isDirect: true, mentionsBot: true, fromBot: true),
             expected: .context(denied: false)),
        Case(name: "trigger mode, not allowed", facts: .init(sender: "2", text: "@Andy hi", isDirect: false, mentionsBot: false),
             allowlist: SenderAllowlist(default: .init(allow: ["1"], mode: .trigger)), expected: .context(denied: true)),
        Case(name: "trigger mode, allowed", facts: .init(sender: "1", text: "@Andy hi", isDirect: false, mentionsBot: false),
             allowlist: SenderAllowlist(default: .init(allow: ["1"], mode: .trigger)), expected: .trigger),
        Case(name: "drop mode, not allowed", facts: .init(sender: "2", text: "hi", isDirect: false, mentionsBot: false),
             allowlist: SenderAllowlist(default: .init(allow: ["1"], mode: .drop)), expected: .ignore(denied: true)),
        Case(name: "chat rule replaces the default",
             facts: .init(sender: "2", text: "@Andy hi", isDirect: false, mentionsBot: false),
             allowlist: SenderAllowlist(default: .init(allow: ["1"], mode: .drop), chats: ["tg:-100": .init()]),
             expected: .trigger),
    ]

    @Test(arguments: cases)
    func decides(_ c: Case) {
        let got = MessageRouting.decide(c.facts, registered: c.registered, isMainGroup: c.main, allowlist: c.allowlist,
                                        chat: "tg:-100", triggerPattern: Self.pattern)
        #expect(got == c.expected)
    }

    @Test func promptKeepsTheNewestTenOldestFirst() {
        let messages = (1...12).map { PromptMessage(senderName: "u\($0)", at: Timestamp(millis: Int64($0) * 1000), text: "m\($0)") }
        let lines = ChannelPrompt.format(messages).split(separator: "\n")
        #expect(lines.count == 10)
        #expect(lines.first == "u3 (1970-01-01T00:00:03.000Z): m3")
        #expect(lines.last == "u12 (1970-01-01T00:00:12.000Z): m12")
    }

    @Test func internalSectionsAreRemoved() {
        #expect(ReplyText.visible("a <internal>secret\nplan</internal> b") == "a  b")
        #expect(ReplyText.visible("<internal>only</internal>\n") == nil)
        #expect(ReplyText.visible("x <internal>unterminated") == "x")
        #expect(ReplyText.visible("  plain \n") == "plain")
    }

    @Test func allowlistDecodesStarAndLists() throws {
        let json = #"{"default":{"allow":"*","mode":"drop"},"chats":{"tg:-5":{"allow":["7"]}},"logDenied":true}"#
        let list = try JSONDecoder().decode(SenderAllowlist.self, from: Data(json.utf8))
        #expect(list.default == .init(allow: nil, mode: .drop))
        #expect(list.chats["tg:-5"] == .init(allow: ["7"], mode: .trigger))
        #expect(list.logDenied)
        #expect(throws: (any Error).self) { try JSONDecoder().decode(SenderAllowlist.self, from: Data(#"{"default":{"allow":"x"}}"#.utf8)) }
        #expect(throws: (any Error).self) { try JSONDecoder().decode(SenderAllowlist.self, from: Data(#"{"other":1}"#.utf8)) }
        #expect(throws: ClawError.self) { try SenderAllowlist(chats: ["bad": .init()]).validate() }
    }
}
