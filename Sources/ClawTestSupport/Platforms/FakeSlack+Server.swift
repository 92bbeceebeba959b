import Foundation
import Hummingbird
import HummingbirdWebSocket

extension FakeSlack {
    public func run() async throws {
        let router = Router()
        router.post("api/:method") { request, context -> Response in
            let method = try context.parameters.require("method")
            let token = request.headers[.authorization].map { String($0.dropFirst("Bearer ".count)) }
            let body = try await request.body.collect(upTo: 1 << 20)
            self.state.withLock { $0.calls[method, default: 0] += 1 }
            return self.answer(method, token: token, body: Data(buffer: body))
        }
        let app = Application(router: router, server: .http1WebSocketUpgrade { request, channel, _ in
            guard request.path?.hasPrefix("/link") == true,
                  let ticket = request.path?.split(separator: "ticket=").last.map(String.init),
                  self.state.withLock({ s in
                      guard s.tickets.remove(ticket) != nil else { return false }
                      // Live from the moment the upgrade is granted: the client hears 101 only after this.
                      s.upgrading += 1
                      s.maxLive = max(s.maxLive, s.links.count + s.upgrading)
                      return true
                  }) else { return .dontUpgrade }
            return .upgrade([:]) { inbound, outbound, _ in
                let (frames, out) = AsyncStream.makeStream(of: Frame.self)
                let id = self.state.withLock { s -> Int in
                    let id = s.nextLink
                    s.nextLink += 1
                    s.upgrading -= 1
                    s.links.append(Link(id: id, out: out))
                    s.opened += 1
                    s.maxLive = max(s.maxLive, s.links.count + s.upgrading)
                    out.yield(.text(Self.json(Hello(num_connections: s.links.count, connection_info: ConnectionInfo(app_id: self.appID)))))
                    return id
                }
                defer { self.linkEnded(id) }
                self.deliverPending()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await frame in frames {
                            switch frame {
                            case .text(let text): try await outbound.write(.text(text))
                            case .drop:
                                try await channel.close()
                                return
                            }
                        }
                    }
                    group.addTask {
                        for try await message in inbound.messages(maxSize: 1 << 20) {
                            guard case .text(let text) = message,
                                  let ack = try? JSONDecoder().decode(Ack.self, from: Data(text.utf8)), let envelopeID = ack.envelope_id else { continue }
                            self.state.withLock { s in
                                s.acksReceived += 1
                                if !s.losingAcks { s.pending[envelopeID]?.acked = true }
                            }
                        }
                    }
                    _ = try await group.next()
                    group.cancelAll()
                }
            }
        }, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        try await app.run()
    }

    func answer(_ method: String, token: String?, body: Data) -> Response {
        switch method {
        case "auth.test":
            guard token == botToken else { return Self.reply(Failure(error: "invalid_auth")) }
            return Self.reply(AuthTest(url: "https://fake.slack.test/", team: "Fake Team", user: "clawd", team_id: teamID,
                                       user_id: botUserID, bot_id: botID))
        case "apps.connections.open":
            guard token == appToken else {
                return Self.reply(Failure(error: token == botToken ? "not_allowed_token_type" : "invalid_auth"))
            }
            if state.withLock({ $0.refusingConnections }) { return Self.reply(Failure(error: "internal_error")) }
            let ticket = UUID().uuidString
            state.withLock { _ = $0.tickets.insert(ticket) }
            return Self.reply(ConnectionsOpen(url: "ws://127.0.0.1:\(port)/link/?ticket=\(ticket)"))
        case "chat.postMessage":
            guard token == botToken else { return Self.reply(Failure(error: "invalid_auth")) }
            if let wait = state.withLock({ s in s.rateLimits.isEmpty ? nil : s.rateLimits.removeFirst() }) {
                var response = Self.reply(Failure(error: "ratelimited"), status: .tooManyRequests)
                response.headers[.retryAfter] = String(wait)
                return response
            }
            guard let post = try? JSONDecoder().decode(PostMessage.self, from: body), let channel = post.channel, !channel.isEmpty else {
                return Self.reply(Failure(error: "channel_not_found"))
            }
            guard let text = post.text, !text.isEmpty else { return Self.reply(Failure(error: "no_text")) }
            guard text.count <= 40_000 else { return Self.reply(Failure(error: "msg_too_long")) }
            let ts = state.withLock { s -> String in
                let ts = Self.ts(s.nextTS)
                s.nextTS += 1
                s.sent.append(Sent(channel: channel, text: text, threadTS: post.thread_ts, ts: ts))
                return ts
            }
            return Self.reply(Posted(channel: channel, ts: ts,
                                     message: PostedMessage(text: text, user: botUserID, bot_id: botID, ts: ts, thread_ts: post.thread_ts)))
        default:
            return Self.reply(Failure(error: "unknown_method"))
        }
    }

    /// Hands every undelivered, unacknowledged envelope to the newest live connection.
    func deliverPending() {
        state.withLock { s in
            guard let link = s.links.last else { return }
            for id in s.order {
                guard var p = s.pending[id], !p.acked, p.link == nil else { continue }
                p.link = link.id
                p.deliveries += 1
                s.pending[id] = p
                link.out.yield(.text(Self.json(p.envelope)))
            }
        }
    }

    /// A connection ended: what it left unacknowledged goes out again.
    func linkEnded(_ id: Int) {
        state.withLock { s in
            s.links.removeAll { $0.id == id }
            for key in s.order where s.pending[key]?.link == id && s.pending[key]?.acked == false {
                s.pending[key]?.link = nil
                s.pending[key]?.envelope.retry_attempt += 1
                s.pending[key]?.envelope.retry_reason = "connection_closed"
            }
        }
        deliverPending()
    }

    static func reply<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(string: json(value))))
    }
}
