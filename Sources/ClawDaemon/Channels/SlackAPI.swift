import Foundation

/// Slack's Web API (`POST <base>/<method>`, Bearer token) and Socket Mode frames as clawd reads
/// and writes them.
enum SlackAPI {
    /// Every Web API answer: `ok`, and `error` when not.
    struct Answer: Decodable {
        var ok: Bool
        var error: String?
    }

    struct AuthTest: Decodable {
        var user_id: String
        var bot_id: String?
        var team_id: String?
        var team: String?
        var user: String?
    }

    struct ConnectionsOpen: Decodable {
        var url: String
    }

    struct PostMessage: Encodable {
        var channel: String
        var text: String
        var thread_ts: String?
    }

    struct Posted: Decodable {
        var ts: String?
    }

    /// A Socket Mode frame: `hello`, `disconnect` (`reason`), `events_api` (envelope).
    struct Frame: Decodable {
        var type: String
        var envelope_id: String?
        var retry_attempt: Int?
        var reason: String?
        var payload: Payload?
    }

    struct Payload: Decodable {
        var type: String?
        var event: Event?
    }

    /// A `message` event (`bot_id` set for bots' posts, `subtype` for edits, joins …).
    struct Event: Decodable {
        var type: String
        var channel: String?
        var user: String?
        var text: String?
        var ts: String?
        var thread_ts: String?
        var channel_type: String?
        var bot_id: String?
        var subtype: String?
    }

    struct Ack: Encodable {
        var envelope_id: String
    }

    /// An `ok: false` answer or a refused HTTP call.
    struct Failure: Error, Sendable, CustomStringConvertible {
        var status: Int
        var error: String
        var retryAfter: Int?
        var description: String { "slack \(status): \(error)" }

        /// Errors no retry can cure: the token or the app's settings must change.
        var isFinal: Bool {
            ["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired",
             "not_allowed_token_type", "missing_scope"].contains(error)
        }
    }
}

extension SlackAPI.Event {
    /// `<@BOTUSERID>` anywhere in the text.
    func mentions(_ botUserID: String) -> Bool {
        guard let text, !botUserID.isEmpty else { return false }
        return text.contains("<@\(botUserID)>") || text.contains("<@\(botUserID)|")
    }
}
