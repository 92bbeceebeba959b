import ClawCore
import Foundation

/// The bodies of `/api/v1/channels/*` (the container dialect: camelCase, strict requests,
/// answers list every field). Connect and validate bodies carry secrets: they are read from the
/// request only and never echoed.
public enum ChannelWire {
    /// `POST /channels/messages` accepts at most this many characters (split into platform
    /// messages when sent).
    public static let maxSendLength = 16_384

    /// `POST /channels/{telegram|discord}/connect|validate`.
    public struct BotTokenRequest: ContainerWire.CheckedRequest, Equatable {
        public var botToken: String

        public init(botToken: String) { self.botToken = botToken }

        enum CodingKeys: String, CodingKey, CaseIterable { case botToken }

        public init(from decoder: any Decoder) throws {
            botToken = try decoder.strictContainer(keyedBy: CodingKeys.self).decode(String.self, forKey: .botToken)
        }

        public func validate() throws(ClawError) { try ChannelWire.secret(botToken, "botToken") }
    }

    /// `POST /channels/whatsapp/connect|validate`.
    public struct WhatsAppRequest: ContainerWire.CheckedRequest, Equatable {
        public var phoneNumberId: String
        public var accessToken: String
        public var appSecret: String
        public var verifyToken: String

        public init(phoneNumberId: String, accessToken: String, appSecret: String, verifyToken: String) {
            self.phoneNumberId = phoneNumberId
            self.accessToken = accessToken
            self.appSecret = appSecret
            self.verifyToken = verifyToken
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case phoneNumberId, accessToken, appSecret, verifyToken }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            phoneNumberId = try c.decode(String.self, forKey: .phoneNumberId)
            accessToken = try c.decode(String.self, forKey: .accessToken)
            appSecret = try c.decode(String.self, forKey: .appSecret)
            verifyToken = try c.decode(String.self, forKey: .verifyToken)
        }

        public func validate() throws(ClawError) {
            guard (1...32).contains(phoneNumberId.count), phoneNumberId.allSatisfy(\.isASCII), phoneNumberId.allSatisfy(\.isNumber) else {
                throw ClawError(.invalidArgument, "'phoneNumberId' must be 1-32 digits", param: "phoneNumberId")
            }
            try ChannelWire.secret(accessToken, "accessToken")
            try ChannelWire.secret(appSecret, "appSecret")
            try ChannelWire.secret(verifyToken, "verifyToken")
        }
    }

    /// `POST /channels/messages`.
    public struct SendRequest: ContainerWire.CheckedRequest, Equatable {
        public var chatJid: String
        public var text: String

        public init(chatJid: String, text: String) {
            self.chatJid = chatJid
            self.text = text
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case chatJid, text }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            chatJid = try c.decode(String.self, forKey: .chatJid)
            text = try c.decode(String.self, forKey: .text)
        }

        public func validate() throws(ClawError) {
            _ = try ChatJID.parse(chatJid)
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw ClawError(.invalidArgument, "'text' is empty", param: "text")
            }
            try FieldRules.text(text, "text", maxLength: ChannelWire.maxSendLength, allowControl: true)
        }
    }

    /// A token or secret: 1-512 printable characters without spaces.
    static func secret(_ value: String, _ field: String) throws(ClawError) {
        guard (1...512).contains(value.count),
              value.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7f }) else {
            throw ClawError(.invalidArgument, "'\(field)' must be 1-512 printable characters without spaces", param: field)
        }
    }
}

extension SenderAllowlist: ContainerWire.CheckedRequest {}
