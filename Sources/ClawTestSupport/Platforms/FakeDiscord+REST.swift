import Foundation
import Hummingbird
import HummingbirdWebSocket

extension FakeDiscord {
    public func run() async throws {
        let router = Router()
        let api = router.group("api/v10")
        api.get("users/:user") { request, context -> Response in
            guard self.authorized(request) else { return Self.unauthorized }
            guard try context.parameters.require("user") == "@me" else { return Self.error(.notFound, ErrorBody(message: "Unknown User", code: 10013)) }
            return Self.reply(self.bot)
        }
        api.get("gateway/bot") { request, _ -> Response in
            guard self.authorized(request) else { return Self.unauthorized }
            return Self.reply(GatewayBot(url: self.gatewayURL))
        }
        api.post("channels/:id/messages") { request, context -> Response in
            guard self.authorized(request) else { return Self.unauthorized }
            let channelID = try context.parameters.require("id")
            let body = try await request.body.collect(upTo: 1 << 20)
            return self.createMessage(channelID: channelID, body: Data(buffer: body))
        }
        api.post("channels/:id/typing") { request, context -> Response in
            guard self.authorized(request) else { return Self.unauthorized }
            let channelID = try context.parameters.require("id")
            self.state.withLock { $0.typing.append(channelID) }
            return Response(status: .noContent)
        }
        let app = Application(router: router, server: .http1WebSocketUpgrade { request, channel, _ in
            guard let path = request.path, path == "/" || path.hasPrefix("/?") || path.hasPrefix("/resume") else { return .dontUpgrade }
            return .upgrade([:]) { inbound, outbound, _ in
                try await self.gateway(path: path, inbound: inbound, outbound: outbound, channel: channel)
            }
        }, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        try await app.run()
    }

    func authorized(_ request: Request) -> Bool { request.headers[.authorization] == "Bot \(botToken)" }

    func createMessage(channelID: String, body: Data) -> Response {
        if let limit = state.withLock({ s -> (Double, Bool)? in s.rateLimits.isEmpty ? nil : s.rateLimits.removeFirst() }) {
            let (wait, global) = limit
            var response = Self.error(.tooManyRequests, ErrorBody(message: "You are being rate limited.", code: 0, retry_after: wait,
                                                                  global: global))
            response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            if global { response.headers[.init("X-RateLimit-Global")!] = "true" }
            response.headers[.init("X-RateLimit-Scope")!] = global ? "global" : "user"
            return response
        }
        guard let create = try? JSONDecoder().decode(CreateMessage.self, from: body), let content = create.content, !content.isEmpty else {
            return Self.error(.badRequest, ErrorBody(message: "Cannot send an empty message", code: 50006))
        }
        guard content.count <= 2000 else {
            let detail = FieldError(code: "BASE_TYPE_MAX_LENGTH", message: "Must be 2000 or fewer in length.")
            return Self.error(.badRequest, ErrorBody(message: "Invalid Form Body", code: 50035,
                                                     errors: FormErrors(content: FieldErrors(_errors: [detail]))))
        }
        let message = state.withLock { s -> Message in
            let id = String(s.nextID)
            s.nextID += 1
            s.sent.append(Sent(channelID: channelID, content: content, messageID: id))
            return Message(id: id, channel_id: channelID, author: bot, content: content, timestamp: Date().formatted(.iso8601), mentions: [])
        }
        return Self.reply(message)
    }

    static var unauthorized: Response { error(.unauthorized, ErrorBody(message: "401: Unauthorized", code: 0)) }

    static func error(_ status: HTTPResponse.Status, _ body: ErrorBody) -> Response { reply(body, status: status) }

    static func reply<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: json(value))))
    }
}
