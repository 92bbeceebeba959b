import Foundation

/// One inbound message as routing sees it: who sent it where, and whether the platform marked
/// it as mentioning the bot (Telegram `mention` entity, Slack `<@BOT>`, Discord `mentions`).
public struct InboundFacts: Sendable, Equatable {
    public var sender: String
    public var text: String
    public var isDirect: Bool
    public var mentionsBot: Bool
    public var fromBot: Bool

    public init(sender: String, text: String, isDirect: Bool, mentionsBot: Bool, fromBot: Bool = false) {
        self.sender = sender
        self.text = text
        self.isDirect = isDirect
        self.mentionsBot = mentionsBot
        self.fromBot = fromBot
    }
}

/// What happens to an inbound message.
public enum RoutingDecision: Sendable, Equatable {
    /// Not stored: the chat belongs to no group, or the allowlist drops the sender.
    case ignore(denied: Bool)
    /// Stored as context; `denied`: it would have triggered but the sender may not.
    case context(denied: Bool)
    /// Stored, and it wakes the group's agent.
    case trigger
}

/// NanoClaw's routing rules, pure: a chat of no group is ignored; the allowlist's `drop` mode
/// ignores a sender it does not allow; a direct message, any message in a main group's chat, a
/// mention of the bot or a text matching the trigger pattern triggers (the bot's own messages
/// never do); a trigger by a sender `trigger` mode does not allow is context only.
public enum MessageRouting {
    /// The default trigger: `^@<assistant name>\b`, case-insensitive.
    public static func defaultTriggerPattern(assistantName: String) -> String {
        "^@" + NSRegularExpression.escapedPattern(for: assistantName) + "\\b"
    }

    public static func decide(_ message: InboundFacts, registered: Bool, isMainGroup: Bool,
                              allowlist: SenderAllowlist, chat: String, triggerPattern: String) -> RoutingDecision {
        guard registered else { return .ignore(denied: false) }
        let rule = allowlist.rule(for: chat)
        let allowed = rule.allows(message.sender)
        if !allowed && rule.mode == .drop { return .ignore(denied: true) }
        guard !message.fromBot else { return .context(denied: false) }
        let wakes = message.isDirect || isMainGroup || message.mentionsBot || matches(message.text, triggerPattern)
        guard wakes else { return .context(denied: false) }
        return allowed ? .trigger : .context(denied: true)
    }

    static func matches(_ text: String, _ pattern: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

/// One stored message as it appears in an agent's prompt.
public struct PromptMessage: Sendable, Equatable {
    public var senderName: String
    public var at: Timestamp
    public var text: String

    public init(senderName: String, at: Timestamp, text: String) {
        self.senderName = senderName
        self.at = at
        self.text = text
    }
}

/// The prompt of a channel-triggered run: the messages since the group's cursor (the newest
/// `maxMessages`), oldest first, one line each as `<sender> (<ISO time>): <text>`.
public enum ChannelPrompt {
    public static let maxMessages = 10

    public static func format(_ messages: [PromptMessage]) -> String {
        messages.suffix(maxMessages).map { "\($0.senderName) (\($0.at.iso8601)): \($0.text)" }.joined(separator: "\n")
    }
}
