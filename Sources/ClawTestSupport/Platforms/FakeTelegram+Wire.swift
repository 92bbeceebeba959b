import Foundation
import Hummingbird

/// The Bot API objects the fake reads and writes, named as Telegram documents them.
extension FakeTelegram {
    struct Update: Codable, Sendable {
        var update_id: Int64
        var message: Message
    }

    struct Message: Codable, Sendable {
        var message_id: Int64
        var date: Int64
        var text: String
        var from: User
        var chat: Chat
        var entities: [MessageEntity]?
        var message_thread_id: Int64?
    }

    struct User: Codable, Sendable {
        var id: Int64
        var is_bot: Bool
        var first_name: String
        var username: String?
    }

    struct Chat: Codable, Sendable {
        var id: Int64
        var type: String?
        var title: String?
    }

    struct MessageEntity: Codable, Sendable {
        var type: String
        var offset: Int
        var length: Int
    }

    /// Every parameter of the methods the fake serves; each method reads its own.
    struct Parameters: Decodable {
        var chat_id: Int64?
        var text: String?
        var message_thread_id: Int64?
        var offset: Int64?
        var limit: Int?
        var timeout: Int?
    }

    struct SentMessage: Encodable {
        var message_id: Int64
        var chat: Chat
        var date: Int64
        var text: String
    }

    struct Success<Result: Encodable>: Encodable {
        var ok = true
        var result: Result
    }

    struct Failure: Encodable {
        struct ResponseParameters: Encodable { var retry_after: Int }
        var ok = false
        var error_code: Int
        var description: String
        var parameters: ResponseParameters?
    }

    static var now: Int64 { Int64(Date().timeIntervalSince1970) }

    static func ok(_ result: some Encodable) -> Response {
        json(.ok, Success(result: result))
    }

    static func error(_ code: Int, _ description: String, retryAfter: Int? = nil) -> Response {
        json(.init(code: code), Failure(error_code: code, description: description,
                                        parameters: retryAfter.map { .init(retry_after: $0) }))
    }

    static func json(_ status: HTTPResponse.Status, _ body: some Encodable) -> Response {
        let data = try! JSONEncoder().encode(body)
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
