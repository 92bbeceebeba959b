import Foundation

/// The Bot API's shapes clawd reads and writes (`https://api.telegram.org/bot<token>/<method>`).
enum TelegramAPI {
    struct Envelope<T: Decodable>: Decodable {
        var ok: Bool
        var result: T?
        var error_code: Int?
        var description: String?
        var parameters: Parameters?
    }

    struct Parameters: Decodable {
        var retry_after: Int?
    }

    struct User: Decodable {
        var id: Int64
        var is_bot: Bool?
        var first_name: String?
        var username: String?
    }

    struct Chat: Decodable {
        var id: Int64
        var type: String?
        var title: String?
        var first_name: String?
        var username: String?
    }

    struct Entity: Decodable {
        var type: String
        var offset: Int
        var length: Int
    }

    struct Message: Decodable {
        var message_id: Int64
        var from: User?
        var chat: Chat
        var date: Int64
        var text: String?
        var entities: [Entity]?
        var message_thread_id: Int64?
    }

    struct Update: Decodable {
        var update_id: Int64
        var message: Message?
    }

    struct GetUpdates: Encodable {
        var offset: Int64
        var limit: Int
        var timeout: Int
        var allowed_updates: [String]
    }

    struct SendMessage: Encodable {
        var chat_id: Int64
        var text: String
        var message_thread_id: Int64?
    }

    struct ChatAction: Encodable {
        var chat_id: Int64
        var action: String
        var message_thread_id: Int64?
    }

    struct DeleteWebhook: Encodable {
        var drop_pending_updates = false
    }

    struct Sent: Decodable {
        var message_id: Int64
    }

    /// An `ok: false` answer.
    struct Failure: Error, Sendable, CustomStringConvertible {
        var code: Int
        var reason: String
        var retryAfter: Int?
        var description: String { "telegram \(code): \(reason)" }
    }
}

extension TelegramAPI.Message {
    /// A `mention` entity naming `@username` (offsets count UTF-16 units).
    func mentions(_ username: String) -> Bool {
        guard let text, !username.isEmpty else { return false }
        let units = Array(text.utf16)
        for e in entities ?? [] where e.type == "mention" && e.offset >= 0 && e.length > 0 && e.offset + e.length <= units.count {
            let name = String(decoding: units[e.offset..<(e.offset + e.length)], as: UTF16.self)
            if name.lowercased() == "@" + username.lowercased() { return true }
        }
        return false
    }
}
