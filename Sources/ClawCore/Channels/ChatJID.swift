/// A chat's id across platforms: `tg:<chat_id>` (groups negative), `wa:<wa_id>`,
/// `slack:<channel>`, `dc:<channel_id>`. Parsing refuses anything else, so a JID from a request
/// is safe to store, log and use as a path segment.
public struct ChatJID: Sendable, Hashable, CustomStringConvertible {
    public let platform: ChannelPlatform
    /// The platform's own id of the chat (digits, `-` for Telegram groups; letters for Slack).
    public let chatID: String

    public init(platform: ChannelPlatform, chatID: String) {
        self.platform = platform
        self.chatID = chatID
    }

    public var description: String { platform.jidPrefix + ":" + chatID }

    /// A Telegram chat id below zero is a group, supergroup or channel; WhatsApp Cloud chats are
    /// one-to-one; Slack and Discord channels are treated as groups.
    public var isGroup: Bool {
        switch platform {
        case .telegram: chatID.hasPrefix("-")
        case .whatsapp: false
        case .slack, .discord: true
        }
    }

    /// Parses `text`; a bad one is `invalidArgument` on `param` saying which form is expected.
    public static func parse(_ text: String, param: String = "chatJid") throws(ClawError) -> ChatJID {
        func bad(_ why: String) -> ClawError {
            ClawError(.invalidArgument, "'\(param)' \(why): use tg:<chat id>, wa:<phone>, slack:<channel> or dc:<channel id>",
                      param: param)
        }
        guard let colon = text.firstIndex(of: ":") else { throw bad("has no platform prefix") }
        guard let platform = ChannelPlatform(jidPrefix: String(text[..<colon])) else {
            throw bad("names an unknown platform '\(text[..<colon])'")
        }
        let id = String(text[text.index(after: colon)...])
        let digits = { (s: Substring) in !s.isEmpty && s.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }
        let ok: Bool = switch platform {
        case .telegram: id.count <= 20 && digits(id.hasPrefix("-") ? id.dropFirst() : Substring(id))
        case .whatsapp: (5...20).contains(id.count) && digits(Substring(id))
        case .discord: id.count <= 24 && digits(Substring(id))
        case .slack: (1...24).contains(id.count)
            && id.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
        }
        guard ok else { throw bad("is not a valid \(platform.rawValue) chat id") }
        return ChatJID(platform: platform, chatID: id)
    }
}
