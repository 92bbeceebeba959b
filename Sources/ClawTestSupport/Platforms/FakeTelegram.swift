import Foundation
import Hummingbird
import Synchronization

/// A local Telegram Bot API (`/bot<token>/<method>`, POST JSON), written from the documented
/// API: `getMe` (401 for another token), `deleteWebhook`, `getUpdates` (long poll held up to
/// `timeout` s; updates below `offset` are confirmed and never returned again; 409 while
/// another poll is running), `sendMessage` (400 over 4,096 characters; 429 with
/// `parameters.retry_after` when told to), `sendChatAction`. Faults are queued per method.
public final class FakeTelegram: Sendable {
    public struct Sent: Sendable, Equatable {
        public var chatID: Int64
        public var text: String
        public var threadID: Int64?
        public var messageID: Int64
    }

    /// What the next calls of a method answer instead of the normal result.
    public enum Fault: Sendable, Equatable {
        /// HTTP 500 with an `ok:false` body.
        case serverError
        /// 429 with `retry_after` seconds.
        case tooManyRequests(retryAfter: Int)
        /// A 502 with an HTML body, as a proxy that lost the connection answers.
        case unreadable
        /// 409: another `getUpdates` of the same token is running (as a second poller sees it).
        case conflict
        /// 401: the token was revoked.
        case unauthorized
    }

    struct State {
        var updates: [Update] = []
        var nextUpdateID: Int64 = 1000
        var nextMessageID: Int64 = 1
        var confirmed: Int64 = 0
        var polling = 0
        var pollCount = 0
        var conflicts = 0
        var webhookDeletes = 0
        var sent: [Sent] = []
        var actions: [Int64] = []
        var faults: [String: [Fault]] = [:]
        var delivered: [Int64: Int] = [:]
        var calls: [String: Int] = [:]
        var originals: [Int64: Update] = [:]
    }

    public let token: String
    public let botID: Int64
    public let username: String
    public let port: Int
    let state = Mutex(State())

    public init(token: String = "123456:TEST-\(UUID().uuidString.prefix(8))", botID: Int64 = 123456, username: String = "clawd_test_bot") throws {
        self.token = token
        self.botID = botID
        self.username = username
        port = try TestPaths.freePort()
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    // MARK: test controls

    /// Queues a text message from a user; answers its `update_id`.
    @discardableResult
    public func userMessage(chatID: Int64, chatType: String? = nil, title: String = "Test chat", fromID: Int64 = 42,
                            firstName: String = "Alice", text: String, mentionBot: Bool = false, threadID: Int64? = nil) -> Int64 {
        state.withLock { s in
            let id = s.nextUpdateID
            s.nextUpdateID += 1
            let messageID = s.nextMessageID
            s.nextMessageID += 1
            var message = Message(message_id: messageID, date: Self.now, text: text,
                                  from: User(id: fromID, is_bot: false, first_name: firstName),
                                  chat: Chat(id: chatID, type: chatType ?? (chatID < 0 ? "supergroup" : "private"), title: title),
                                  message_thread_id: threadID)
            if mentionBot, let r = text.range(of: "@" + username) {
                let offset = text.utf16.distance(from: text.utf16.startIndex, to: r.lowerBound.samePosition(in: text.utf16)!)
                message.entities = [MessageEntity(type: "mention", offset: offset, length: username.utf16.count + 1)]
            }
            let update = Update(update_id: id, message: message)
            s.updates.append(update)
            s.originals[id] = update
            return id
        }
    }

    /// Hands out an update again under a new `update_id`, as after a confirmation Telegram lost
    /// (the message, with its `message_id`, is the same); answers the new id.
    @discardableResult
    public func replay(_ updateID: Int64) -> Int64? {
        state.withLock { s in
            guard var update = s.originals[updateID] else { return nil }
            let id = s.nextUpdateID
            s.nextUpdateID += 1
            update.update_id = id
            s.updates.append(update)
            return id
        }
    }

    public func fail(_ method: String, with faults: [Fault]) { state.withLock { $0.faults[method, default: []] += faults } }
    /// Faults still queued for `method` (each call consumes one).
    public func pendingFaults(_ method: String) -> Int { state.withLock { $0.faults[method]?.count ?? 0 } }
    public func clearFaults() { state.withLock { $0.faults = [:] } }
    public func sent(chatID: Int64) -> [Sent] { state.withLock { $0.sent.filter { $0.chatID == chatID } } }
    public var allSent: [Sent] { state.withLock { $0.sent } }
    public var chatActions: [Int64] { state.withLock { $0.actions } }
    /// The offset the last `getUpdates` confirmed up to.
    public var confirmedOffset: Int64 { state.withLock { $0.confirmed } }
    public var polls: Int { state.withLock { $0.pollCount } }
    /// Calls of `method` with the right token, faulted ones included.
    public func calls(_ method: String) -> Int { state.withLock { $0.calls[method] ?? 0 } }
    public var conflicts: Int { state.withLock { $0.conflicts } }
    /// How often each update was handed out (a redelivery after a lost answer counts twice).
    public func deliveries(of updateID: Int64) -> Int { state.withLock { $0.delivered[updateID] ?? 0 } }

    // MARK: server

    public func run() async throws {
        let router = Router()
        router.post(":bot/:method") { request, context -> Response in
            let bot = try context.parameters.require("bot")
            let method = try context.parameters.require("method")
            let body = try await request.body.collect(upTo: 1 << 20)
            let parameters = (try? JSONDecoder().decode(Parameters.self, from: Data(buffer: body))) ?? Parameters()
            guard bot == "bot" + self.token else { return Self.error(401, "Unauthorized") }
            self.state.withLock { $0.calls[method, default: 0] += 1 }
            if let fault = self.state.withLock({ s -> Fault? in
                guard var list = s.faults[method], !list.isEmpty else { return nil }
                let f = list.removeFirst()
                s.faults[method] = list
                return f
            }) {
                switch fault {
                case .serverError: return Self.error(500, "Internal Server Error")
                case .tooManyRequests(let after): return Self.error(429, "Too Many Requests: retry after \(after)", retryAfter: after)
                case .conflict:
                    return Self.error(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running")
                case .unauthorized: return Self.error(401, "Unauthorized")
                case .unreadable:
                    return Response(status: .badGateway, headers: [.contentType: "text/html"],
                                    body: .init(byteBuffer: ByteBuffer(string: "<html>502 Bad Gateway</html>")))
                }
            }
            return try await self.answer(method, parameters)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        try await app.run()
    }

    func answer(_ method: String, _ parameters: Parameters) async throws -> Response {
        switch method {
        case "getMe":
            return Self.ok(User(id: botID, is_bot: true, first_name: "Test Bot", username: username))
        case "deleteWebhook":
            state.withLock { $0.webhookDeletes += 1 }
            return Self.ok(true)
        case "getUpdates":
            return try await getUpdates(parameters)
        case "sendMessage":
            guard let chat = parameters.chat_id, let text = parameters.text, !text.isEmpty else {
                return Self.error(400, "Bad Request: message text is empty")
            }
            guard text.count <= 4096 else { return Self.error(400, "Bad Request: message is too long") }
            let thread = parameters.message_thread_id
            let id = state.withLock { s in
                defer { s.nextMessageID += 1 }
                s.sent.append(Sent(chatID: chat, text: text, threadID: thread, messageID: s.nextMessageID))
                return s.nextMessageID
            }
            return Self.ok(SentMessage(message_id: id, chat: Chat(id: chat), date: Self.now, text: text))
        case "sendChatAction":
            guard let chat = parameters.chat_id else { return Self.error(400, "Bad Request: chat_id") }
            state.withLock { $0.actions.append(chat) }
            return Self.ok(true)
        default:
            return Self.error(404, "Not Found")
        }
    }

    func getUpdates(_ parameters: Parameters) async throws -> Response {
        let offset = parameters.offset ?? 0
        let limit = max(1, min(100, parameters.limit ?? 100))
        let timeout = max(0, min(50, parameters.timeout ?? 0))
        let busy = state.withLock { s -> Bool in
            s.pollCount += 1
            if s.polling > 0 { s.conflicts += 1; return true }
            s.polling += 1
            s.confirmed = max(s.confirmed, offset)
            s.updates.removeAll { $0.update_id < offset }
            return false
        }
        if busy {
            return Self.error(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running")
        }
        defer { state.withLock { $0.polling -= 1 } }
        let deadline = ContinuousClock.now + .seconds(timeout)
        while true {
            let batch = state.withLock { s -> [Update] in
                let b = Array(s.updates.filter { $0.update_id >= offset }.prefix(limit))
                for update in b { s.delivered[update.update_id, default: 0] += 1 }
                return b
            }
            if !batch.isEmpty || ContinuousClock.now >= deadline { return Self.ok(batch) }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
