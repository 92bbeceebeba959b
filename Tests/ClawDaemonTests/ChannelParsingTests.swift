import ClawCore
@testable import ClawDaemon
import Foundation
import Testing

@Suite("Platform payloads as the connectors read them")
struct ChannelParsingTests {
    static func telegram(_ json: String) throws -> TelegramAPI.Message {
        try JSONDecoder().decode(TelegramAPI.Message.self, from: Data(json.utf8))
    }

    @Test("a mention entity counts UTF-16 units and names the bot case-insensitively")
    func mentionEntities() throws {
        // "👋 " is 3 UTF-16 units: the entity starts at 3.
        let m = try Self.telegram(#"{"message_id":1,"date":0,"chat":{"id":-5},"text":"👋 @Clawd_Bot hi","entities":[{"type":"mention","offset":3,"length":10}]}"#)
        #expect(m.mentions("clawd_bot"))
        #expect(!m.mentions("other_bot"))
        let wrongOffset = try Self.telegram(#"{"message_id":1,"date":0,"chat":{"id":-5},"text":"👋 @Clawd_Bot hi","entities":[{"type":"mention","offset":2,"length":10}]}"#)
        #expect(!wrongOffset.mentions("clawd_bot"))
        let outOfRange = try Self.telegram(#"{"message_id":1,"date":0,"chat":{"id":-5},"text":"hi","entities":[{"type":"mention","offset":1,"length":50}]}"#)
        #expect(!outOfRange.mentions("clawd_bot"))
    }

    @Test("a Telegram update becomes an inbound message: JID, topic, sender, the bot's own message")
    func telegramInbound() throws {
        let m = try Self.telegram(#"{"message_id":9,"date":1700000000,"chat":{"id":-100,"title":"Ops"},"from":{"id":42,"first_name":"Alice"},"text":"hi","message_thread_id":77}"#)
        let inbound = try #require(TelegramChannel.inbound(m, botID: "123", username: "bot"))
        #expect(inbound.chat.description == "tg:-100" && inbound.chatTitle == "Ops" && inbound.threadID == "77")
        #expect(inbound.sender == "42" && inbound.senderName == "Alice" && inbound.platformMessageID == "9" && !inbound.fromBot)
        let own = try Self.telegram(#"{"message_id":10,"date":0,"chat":{"id":-100},"from":{"id":123,"is_bot":true},"text":"x"}"#)
        #expect(TelegramChannel.inbound(own, botID: "123", username: "bot")?.fromBot == true)
        let photo = try Self.telegram(#"{"message_id":11,"date":0,"chat":{"id":-100}}"#)
        #expect(TelegramChannel.inbound(photo, botID: "123", username: "bot") == nil)
    }

    @Test("a WhatsApp delivery: text messages, others recorded as unsupported, bad senders skipped")
    func whatsAppInbound() throws {
        let json = #"""
            {"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{
              "metadata":{"phone_number_id":"555"},"contacts":[{"profile":{"name":"Bob"},"wa_id":"4915550001"}],
              "messages":[{"from":"4915550001","id":"wamid.1","timestamp":"1700000000","type":"text","text":{"body":"hi"}},
                          {"from":"4915550001","id":"wamid.2","type":"image"},
                          {"from":"+49 bad","id":"wamid.3","type":"text","text":{"body":"x"}}]}}]}]}
            """#
        let delivery = try JSONDecoder().decode(WhatsAppAPI.Delivery.self, from: Data(json.utf8))
        let messages = WhatsAppChannel.inbound(delivery)
        #expect(messages.map(\.message.text) == ["hi", "[unsupported image message]"])
        #expect(messages.allSatisfy { $0.phoneNumberID == "555" && $0.message.chat.description == "wa:4915550001" })
        #expect(messages[0].message.senderName == "Bob" && messages[0].message.at == Timestamp(millis: 1_700_000_000_000))
    }
}
