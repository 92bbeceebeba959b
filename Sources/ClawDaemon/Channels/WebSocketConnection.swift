import Foundation
import HummingbirdWSClient
import Logging
import NIOWebSocket
import Synchronization

/// One client WebSocket (swift-websocket's client on the shared NIO event loops): `wss://` with
/// the system's trust roots for the platforms, plain `ws://` for local servers. Text frames come
/// in through `messages` (which ends when the connection does) and go out through `send`; a
/// connector closes it with a code, or `abort`s it when its task ends. `closed()` answers how
/// it ended: the peer's close code and reason, or the error that broke it.
final class WebSocketConnection: Sendable {
    /// How a connection ended.
    struct Ending: Sendable, Equatable {
        /// The close code the peer sent (1000 normal, 4004 …); nil when the socket broke without one.
        var code: Int?
        var reason: String?
        /// Why the connection failed, when it did (never holds the URL, which may carry a ticket).
        var failure: String?
    }

    /// Text messages from the peer, in order; binary messages are dropped.
    let messages: AsyncStream<String>
    private let writer: WebSocketOutboundWriter
    private let task: Task<Ending, Never>

    private init(messages: AsyncStream<String>, writer: WebSocketOutboundWriter, task: Task<Ending, Never>) {
        self.messages = messages
        self.writer = writer
        self.task = task
    }

    /// Connects and returns once the upgrade succeeded; throws `WebSocketConnectionError` when
    /// the server cannot be reached or refuses the upgrade.
    static func open(_ url: String, maxMessage: Int = 1 << 20, logger: Logger = Logger(label: "clawd.websocket")) async throws -> WebSocketConnection {
        let (messages, inbox) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .unbounded)
        let opened = OnceContinuation<WebSocketOutboundWriter>()
        let configuration = WebSocketClientConfiguration(maxFrameSize: maxMessage, closeTimeout: .seconds(5))
        return try await withCheckedThrowingContinuation { (waiter: CheckedContinuation<WebSocketConnection, any Error>) in
            let task = Task<Ending, Never> {
                defer { inbox.finish() }
                do {
                    let frame = try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, outbound, _ in
                        opened.resume(.success(outbound))
                        for try await message in inbound.messages(maxSize: maxMessage) {
                            if case .text(let text) = message { inbox.yield(text) }
                        }
                    }
                    opened.resume(.failure(WebSocketConnectionError("the server closed the connection before the upgrade")))
                    return Ending(code: frame.map { Int(UInt16(webSocketErrorCode: $0.closeCode)) }, reason: frame?.reason)
                } catch {
                    let failure = WebSocketConnectionError(Self.describe(error))
                    opened.resume(.failure(failure))
                    return Ending(code: nil, reason: nil, failure: failure.description)
                }
            }
            opened.onResult { result in
                switch result {
                case .success(let writer): waiter.resume(returning: WebSocketConnection(messages: messages, writer: writer, task: task))
                case .failure(let error): waiter.resume(throwing: error)
                }
            }
        }
    }

    /// Sends one text message.
    func send(_ text: String) async throws {
        do { try await writer.write(.text(text)) } catch { throw WebSocketConnectionError("send failed: \(Self.describe(error))") }
    }

    /// Sends a close frame and waits (at most the close timeout) until the peer answered it.
    @discardableResult
    func close(code: Int = 1000, reason: String? = nil) async -> Ending {
        try? await writer.close(WebSocketErrorCode(codeNumber: code), reason: reason)
        return await task.value
    }

    /// Starts the close handshake (1001, going away) and returns at once; `messages` ends when
    /// the peer answered or the close timeout passed.
    func abort() {
        let writer = self.writer
        Task { try? await writer.close(.goingAway, reason: nil) }
    }

    /// Waits until the connection ended.
    func closed() async -> Ending { await task.value }

    static func describe(_ error: any Error) -> String {
        if let e = error as? WebSocketClientError { return "\(e)" }
        if error is CancellationError { return "cancelled" }
        return String(describing: type(of: error))
    }
}

struct WebSocketConnectionError: Error, Sendable, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A result delivered once to one callback, whichever of the two comes first.
final class OnceContinuation<Value: Sendable>: Sendable {
    private struct State {
        var result: Result<Value, any Error>?
        var callback: (@Sendable (Result<Value, any Error>) -> Void)?
        var delivered = false
    }

    private let state = Mutex(State())

    func resume(_ result: Result<Value, any Error>) {
        let callback = state.withLock { s -> (@Sendable (Result<Value, any Error>) -> Void)? in
            guard s.result == nil, !s.delivered else { return nil }
            s.result = result
            guard let callback = s.callback else { return nil }
            s.delivered = true
            return callback
        }
        callback?(result)
    }

    func onResult(_ callback: @escaping @Sendable (Result<Value, any Error>) -> Void) {
        let ready = state.withLock { s -> Result<Value, any Error>? in
            guard let result = s.result else { s.callback = callback; return nil }
            s.delivered = true
            return result
        }
        if let ready { callback(ready) }
    }
}
