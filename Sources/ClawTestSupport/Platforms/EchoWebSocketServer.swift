import Foundation
import Hummingbird
import HummingbirdWebSocket
import Synchronization

/// A local WebSocket server (`ws://127.0.0.1:<port>/ws`, hummingbird-websocket's server) to test
/// the client against: answers each text message `t` with `echo:t`; `close:<code>` makes it
/// close with that code and reason `asked`; `drop` ends the TCP connection without a close
/// frame. Any other path is refused the upgrade. Counts the connections open now and ever.
public final class EchoWebSocketServer: Sendable {
    struct State {
        var live = 0
        var opened = 0
        var received: [String] = []
    }

    public let port: Int
    let state = Mutex(State())

    public init() throws { port = try TestPaths.freePort() }

    public var url: String { "ws://127.0.0.1:\(port)/ws" }
    public var live: Int { state.withLock { $0.live } }
    public var opened: Int { state.withLock { $0.opened } }
    public var received: [String] { state.withLock { $0.received } }

    public func run() async throws {
        let router = Router()
        router.get("health") { _, _ in "ok" }
        let app = Application(router: router, server: .http1WebSocketUpgrade { request, channel, _ in
            guard request.path == "/ws" else { return .dontUpgrade }
            return .upgrade([:]) { inbound, outbound, _ in
                self.state.withLock { $0.live += 1; $0.opened += 1 }
                defer { self.state.withLock { $0.live -= 1 } }
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    guard case .text(let text) = message else { continue }
                    self.state.withLock { $0.received.append(text) }
                    if text.hasPrefix("close:"), let code = Int(text.dropFirst(6)) {
                        try await outbound.close(.init(codeNumber: code), reason: "asked")
                        return
                    }
                    if text == "drop" {
                        try await channel.close()
                        return
                    }
                    try await outbound.write(.text("echo:" + text))
                }
            }
        }, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        try await app.run()
    }
}
