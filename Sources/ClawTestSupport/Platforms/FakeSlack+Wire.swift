import Foundation

/// Slack's Web API and Socket Mode payloads, as documented, in the shapes the fake sends and reads.
extension FakeSlack {
    struct PostMessage: Decodable {
        var channel: String?
        var text: String?
        var thread_ts: String?
    }

    struct AuthTest: Encodable {
        var ok = true
        var url: String
        var team: String
        var user: String
        var team_id: String
        var user_id: String
        var bot_id: String
    }

    struct ConnectionsOpen: Encodable {
        var ok = true
        var url: String
    }

    struct Posted: Encodable {
        var ok = true
        var channel: String
        var ts: String
        var message: PostedMessage
    }

    struct PostedMessage: Encodable {
        var text: String
        var user: String
        var bot_id: String
        var ts: String
        var thread_ts: String?
    }

    struct Failure: Encodable {
        var ok = false
        var error: String
    }

    struct Hello: Encodable {
        var type = "hello"
        var num_connections: Int
        var connection_info: ConnectionInfo
    }

    struct ConnectionInfo: Encodable {
        var app_id: String
    }

    struct Disconnect: Encodable {
        var type = "disconnect"
        var reason: String
    }

    /// An `events_api` envelope carrying one `event_callback`.
    struct Envelope: Encodable, Sendable {
        var envelope_id: String
        var type = "events_api"
        var accepts_response_payload = false
        var retry_attempt: Int
        var retry_reason: String
        var payload: EventCallback
    }

    struct EventCallback: Encodable, Sendable {
        var type = "event_callback"
        var team_id: String
        var api_app_id: String
        var event_id: String
        var event_time: Int
        var event: Event
    }

    /// A `message` event (`bot_id` for a bot's own post, `subtype` for edits, joins …).
    public struct Event: Encodable, Sendable, Equatable {
        public var type = "message"
        public var channel: String
        public var user: String
        public var text: String
        public var ts: String
        public var thread_ts: String?
        public var channel_type: String
        public var bot_id: String?
        public var subtype: String?
    }

    /// What a Socket Mode client sends: an acknowledgement.
    struct Ack: Decodable {
        var envelope_id: String?
    }

    static func json<T: Encodable>(_ value: T) -> String {
        (try? String(decoding: JSONEncoder().encode(value), as: UTF8.self)) ?? "{}"
    }
}
