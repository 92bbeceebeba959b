import ClawCore
import Foundation
import GRDB

/// The secrets and ids an org connected a platform with. Kept in a 0600 file, never in a row,
/// an answer, a log line, an event or the audit log.
public struct ChannelCredentials: Codable, Sendable, Equatable {
    public var botToken: String?
    public var appToken: String?
    public var phoneNumberId: String?
    public var accessToken: String?
    public var appSecret: String?
    public var verifyToken: String?

    public init(botToken: String? = nil, appToken: String? = nil, phoneNumberId: String? = nil, accessToken: String? = nil,
                appSecret: String? = nil, verifyToken: String? = nil) {
        self.botToken = botToken
        self.appToken = appToken
        self.phoneNumberId = phoneNumberId
        self.accessToken = accessToken
        self.appSecret = appSecret
        self.verifyToken = verifyToken
    }

    /// The one secret a connection is known by on the host: what the platform delivers events
    /// to (Slack's Socket Mode spreads events over every connection of an app token, so two
    /// connections would each miss some; Telegram allows one poller per bot token).
    public var primarySecret: String { appToken ?? botToken ?? accessToken ?? "" }

    /// `field → "…last4"` for every field set: what answers show instead of the secrets.
    public var configured: [String: String] {
        let fields: [(String, String?)] = [("botToken", botToken), ("appToken", appToken), ("phoneNumberId", phoneNumberId),
                                           ("accessToken", accessToken), ("appSecret", appSecret), ("verifyToken", verifyToken)]
        var out: [String: String] = [:]
        for case let (name, value?) in fields { out[name] = "…" + value.suffix(4) }
        return out
    }
}

/// One org's connection to one platform, as stored (no secrets).
public struct ChannelRecord: Sendable, Equatable {
    public var id: String
    public var orgID: String
    public var platform: ChannelPlatform
    /// The platform's id of the bot or number (Telegram bot id, WhatsApp phone number id).
    public var account: String
    public var configured: [String: String]
    public var identity: [String: String]
    public var status: ChannelStatus
    public var lastError: String?
    public var since: Timestamp
    /// Connection attempts since the last `connected` (counted on each change to `connecting`).
    public var attempts: Int = 0
    /// Telegram: the next `getUpdates` offset (advanced in the transaction that stores the update).
    public var pollOffset: Int64
}

/// A chat clawd has seen, registered to a group or not.
public struct ChatRecord: Sendable, Equatable {
    public var jid: String
    public var orgID: String
    public var platform: ChannelPlatform
    public var title: String
    public var isGroup: Bool
    public var lastMessageAt: Timestamp?
    /// The group whose `chatJids` names it; nil: no group (its messages are not stored).
    public var namespace: String?
}

/// A stored message, inbound (`received`) or outbound (`pending`, `sent`, `failed`).
public struct ChannelMessage: Sendable, Equatable {
    public var seq: Int64
    public var id: String
    public var orgID: String
    public var chatJid: String
    public var direction: String
    public var sender: String?
    public var senderName: String?
    public var text: String
    public var at: Timestamp
    public var status: String
    public var platformMessageID: String?
    public var threadID: String?
    public var runID: String?
    public var lastError: String?
    public var attempts: Int
    public var nextAttemptAt: Timestamp
}

/// One message a connector received, before routing.
public struct InboundMessage: Sendable, Equatable {
    public var chat: ChatJID
    public var chatTitle: String
    public var platformMessageID: String
    public var sender: String
    public var senderName: String
    public var text: String
    public var at: Timestamp
    public var threadID: String?
    public var mentionsBot: Bool
    public var fromBot: Bool

    public init(chat: ChatJID, chatTitle: String, platformMessageID: String, sender: String, senderName: String, text: String,
                at: Timestamp, threadID: String? = nil, mentionsBot: Bool = false, fromBot: Bool = false) {
        self.chat = chat
        self.chatTitle = chatTitle
        self.platformMessageID = platformMessageID
        self.sender = sender
        self.senderName = senderName
        self.text = text
        self.at = at
        self.threadID = threadID
        self.mentionsBot = mentionsBot
        self.fromBot = fromBot
    }
}

/// What committing an inbound message led to (the daemon acts on it after the commit).
public enum IngestOutcome: Sendable, Equatable {
    /// Seen before (a redelivery), or nothing to do.
    case duplicate
    /// Not stored (no group, or dropped by the allowlist).
    case ignored
    /// Stored as context.
    case stored
    /// Stored, and a run of the group was queued with the messages since its cursor.
    case queued(QueuedRun)
    /// Stored; the group's run is active: `text` goes to it as an IPC follow-up.
    case followUp(group: String, runID: String, text: String)
}

extension Row {
    func channelTS(_ column: String) -> Timestamp? { (self[column] as Int64?).map(Timestamp.init(millis:)) }
}

extension ChannelStore {
    static func decodeMap(_ json: String) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
    }

    static func encodeMap(_ map: [String: String]) -> String {
        let e = JSONEncoder()
        e.outputFormatting = .sortedKeys
        return (try? String(decoding: e.encode(map), as: UTF8.self)) ?? "{}"
    }

    static func channel(_ r: Row) -> ChannelRecord {
        ChannelRecord(id: r["id"], orgID: r["org_id"], platform: ChannelPlatform(rawValue: r["platform"]) ?? .telegram,
                      account: r["account"], configured: decodeMap(r["configured_json"]),
                      identity: decodeMap(r["identity_json"]), status: ChannelStatus(rawValue: r["status"]) ?? .error,
                      lastError: r["last_error"], since: r.channelTS("since")!, attempts: r["attempts"],
                      pollOffset: r["poll_offset"])
    }

    static func message(_ r: Row) -> ChannelMessage {
        ChannelMessage(seq: r["seq"], id: r["id"], orgID: r["org_id"], chatJid: r["chat_jid"], direction: r["direction"],
                       sender: r["sender"], senderName: r["sender_name"], text: r["text"], at: r.channelTS("at")!,
                       status: r["status"], platformMessageID: r["platform_message_id"], threadID: r["thread_id"],
                       runID: r["run_id"], lastError: r["last_error"], attempts: r["attempts"],
                       nextAttemptAt: r.channelTS("next_attempt_at") ?? Timestamp(millis: 0))
    }
}
