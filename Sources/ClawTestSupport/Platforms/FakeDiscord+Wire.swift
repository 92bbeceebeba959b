import Foundation

/// Discord's REST v10 and Gateway (JSON encoding) payloads, as documented, in the shapes the fake
/// sends and reads.
extension FakeDiscord {
    public struct User: Codable, Sendable, Equatable {
        public var id: String
        public var username: String
        public var global_name: String?
        public var discriminator = "0"
        public var bot: Bool?
    }

    struct GatewayBot: Encodable {
        var url: String
        var shards = 1
        var session_start_limit = SessionStartLimit()
    }

    struct SessionStartLimit: Encodable {
        var total = 1000
        var remaining = 999
        var reset_after = 14_400_000
        var max_concurrency = 1
    }

    struct CreateMessage: Decodable {
        var content: String?
    }

    struct Message: Encodable, Sendable {
        var id: String
        var channel_id: String
        var guild_id: String?
        var author: User
        var content: String
        var timestamp: String
        var tts = false
        var mention_everyone = false
        var mentions: [User]
        var type = 0
    }

    /// An error answer; a 429's carries `retry_after` (seconds) and `global`; a 400 50035 `errors`.
    struct ErrorBody: Encodable {
        var message: String
        var code: Int
        var retry_after: Double?
        var global: Bool?
        var errors: FormErrors?
    }

    struct FormErrors: Encodable {
        var content: FieldErrors
    }

    struct FieldErrors: Encodable {
        var _errors: [FieldError]
    }

    struct FieldError: Encodable {
        var code: String
        var message: String
    }

    /// A Gateway frame the fake sends: `{op, d, s, t}` (`s`/`t` null except for dispatches).
    struct Outgoing<D: Encodable>: Encodable {
        var op: Int
        var d: D
        var s: Int?
        var t: String?

        enum CodingKeys: String, CodingKey { case op, d, s, t }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(op, forKey: .op)
            try c.encode(d, forKey: .d)
            try c.encode(s, forKey: .s)
            try c.encode(t, forKey: .t)
        }
    }

    struct Hello: Encodable {
        var heartbeat_interval: Int
    }

    struct Ready: Encodable {
        var v = 10
        var user: User
        var guilds: [UnavailableGuild] = []
        var session_id: String
        var resume_gateway_url: String
        var application: ReadyApplication
    }

    struct UnavailableGuild: Encodable {
        var id: String
        var unavailable = true
    }

    struct ReadyApplication: Encodable {
        var id: String
        var flags = 0
    }

    /// What a client sends: the opcode first, then the payload by opcode.
    struct Head: Decodable {
        var op: Int
    }

    struct Inbound<D: Decodable>: Decodable {
        var d: D
    }

    struct Identify: Decodable {
        var token: String
        var intents: Int
        var properties: Properties
    }

    struct Properties: Decodable {
        var os: String
        var browser: String
        var device: String
    }

    struct Resume: Decodable {
        var token: String
        var session_id: String
        var seq: Int
    }

    /// The `d` of a frame without a payload (op 7, op 11).
    struct Empty: Encodable {}

    static func json<T: Encodable>(_ value: T) -> String {
        (try? String(decoding: JSONEncoder().encode(value), as: UTF8.self)) ?? "{}"
    }
}
