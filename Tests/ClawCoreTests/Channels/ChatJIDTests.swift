import ClawCore
import Testing

@Suite struct ChatJIDTests {
    @Test(arguments: [
        ("tg:12345", ChannelPlatform.telegram, "12345", false),
        ("tg:-1001234567890", .telegram, "-1001234567890", true),
        ("wa:491701234567", .whatsapp, "491701234567", false),
        ("slack:C0123ABC", .slack, "C0123ABC", true),
        ("dc:112233445566778899", .discord, "112233445566778899", true),
    ])
    func parses(_ text: String, _ platform: ChannelPlatform, _ id: String, _ group: Bool) throws {
        let jid = try ChatJID.parse(text)
        #expect(jid.platform == platform)
        #expect(jid.chatID == id)
        #expect(jid.isGroup == group)
        #expect(jid.description == text)
    }

    @Test(arguments: ["", "12345", "xx:1", "tg:", "tg:-", "tg:12a", "tg:1/2", "wa:12", "wa:+4917", "slack:c01",
                      "dc:-1", "tg:123456789012345678901", "tg: 1", "tg:1\n"])
    func refuses(_ text: String) {
        #expect(throws: ClawError.self) { try ChatJID.parse(text) }
        do { _ = try ChatJID.parse(text) } catch { #expect(error.param == "chatJid") }
    }
}
