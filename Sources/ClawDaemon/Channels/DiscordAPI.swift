import ClawStore
import Foundation

/// Discord's REST API v10 (`Authorization: Bot <token>`) and Gateway frames (JSON encoding) as
/// clawd reads and writes them.
enum DiscordAPI {
    /// GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES | MESSAGE_CONTENT.
    static let intents = 1 | 512 | 4096 | 32768

    struct User: Decodable, Sendable {
        var id: String
        var username: String?
        var global_name: String?
        var bot: Bool?
    }

    struct GatewayBot: Decodable {
        var url: String
    }

    /// `POST /channels/{id}/messages`.
    struct CreateMessage: Encodable {
        var content: String
    }

    struct Message: Decodable, Sendable {
        var id: String
        var channel_id: String
        var guild_id: String?
        var author: User
        var content: String?
        var timestamp: String?
        var mentions: [User]?
    }

    /// An error answer: `message`, Discord's numeric `code`, and for a 429 `retry_after`
    /// (seconds, fractional) and `global`.
    struct ErrorBody: Decodable {
        var message: String?
        var code: Int?
        var retry_after: Double?
        var global: Bool?
    }

    /// Every Gateway frame's envelope: the opcode, and for dispatches (op 0) the sequence number and event name.
    struct Head: Decodable {
        var op: Int
        var s: Int?
        var t: String?
    }

    /// A frame whose payload `d` is of a known type.
    struct Frame<D: Decodable>: Decodable {
        var d: D
    }

    struct Hello: Decodable {
        var heartbeat_interval: Int
    }

    struct Ready: Decodable {
        var session_id: String
        var resume_gateway_url: String
        var user: User
    }

    /// A frame clawd sends: `{op, d}` (`d` is written even when null, as the heartbeat's first beat needs).
    struct Outgoing<D: Encodable>: Encodable {
        var op: Int
        var d: D

        enum CodingKeys: String, CodingKey { case op, d }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(op, forKey: .op)
            try c.encode(d, forKey: .d)
        }
    }

    struct Identify: Encodable {
        var token: String
        var intents: Int
        var properties: Properties
    }

    struct Properties: Encodable {
        var os = "linux"
        var browser = "clawd"
        var device = "clawd"
    }

    struct Resume: Encodable {
        var token: String
        var session_id: String
        var seq: Int
    }

    /// A REST call Discord refused.
    struct Failure: Error, Sendable, CustomStringConvertible {
        var status: Int
        var message: String
        var code: Int?
        var retryAfter: Double?
        var global = false
        var description: String { "discord \(status): \(message)" + (code.map { " (code \($0))" } ?? "") }
    }
}

/// Where a connector keeps its Gateway session so that a restart resumes instead of identifying
/// (a resume replays what the last run had received but not committed).
protocol DiscordSessionKeeper: Sendable {
    /// The stored session with the sequence number committed last; nil when there is none.
    func discordSession(channelID: String) async -> GatewaySession?
    /// Stores the session READY began (its sequence number replaces the stored one); nil forgets it.
    func discordSessionBegan(channelID: String, _ session: GatewaySession?) async
}
