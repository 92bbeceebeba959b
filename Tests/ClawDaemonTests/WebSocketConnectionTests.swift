@testable import ClawDaemon
import ClawTestSupport
import Foundation
import Testing

@Suite("The WebSocket client connectors use, against a local server")
struct WebSocketConnectionTests {
    /// Runs `body` with a listening echo server; the server stops afterwards.
    static func withServer(_ body: (EchoWebSocketServer) async throws -> Void) async throws {
        let server = try EchoWebSocketServer()
        let task = Task { try await server.run() }
        defer { task.cancel() }
        let probe = try await eventually("echo server listening", timeout: .seconds(60)) { () -> WebSocketConnection? in
            try? await WebSocketConnection.open(server.url)
        }
        await probe.close()
        try await body(server)
    }

    @Test("text goes out and comes back in order; a normal close ends the stream with 1000")
    func echoAndClose() async throws {
        try await Self.withServer { server in
            let ws = try await WebSocketConnection.open(server.url)
            for text in ["one", "два", "👋🏽 three"] { try await ws.send(text) }
            var got: [String] = []
            for await message in ws.messages {
                got.append(message)
                if got.count == 3 { break }
            }
            #expect(got == ["echo:one", "echo:два", "echo:👋🏽 three"])
            let ending = await ws.close()
            #expect(ending.code == 1000)
            #expect(ending.failure == nil)
            try await eventually("server saw the close", timeout: .seconds(60)) { server.live == 0 ? true : nil }
        }
    }

    @Test("the server's close code and reason reach the connector (as a 4014 from Discord would)")
    func serverCloseCode() async throws {
        try await Self.withServer { server in
            let ws = try await WebSocketConnection.open(server.url)
            try await ws.send("close:4014")
            for await _ in ws.messages {}
            let ending = await ws.closed()
            #expect(ending.code == 4014)
            #expect(ending.reason == "asked")
        }
    }

    @Test("a dropped TCP connection ends the stream without a close code")
    func dropped() async throws {
        try await Self.withServer { server in
            let ws = try await WebSocketConnection.open(server.url)
            try await ws.send("drop")
            for await _ in ws.messages {}
            let ending = await ws.closed()
            #expect(ending.code == nil || ending.code == 1006)
            try await eventually("server counted the drop", timeout: .seconds(60)) { server.live == 0 ? true : nil }
        }
    }

    @Test("a refused upgrade and a closed port throw instead of returning a connection")
    func refused() async throws {
        try await Self.withServer { server in
            await #expect(throws: WebSocketConnectionError.self) {
                try await WebSocketConnection.open("ws://127.0.0.1:\(server.port)/elsewhere")
            }
        }
        let closedPort = try TestPaths.freePort()
        await #expect(throws: WebSocketConnectionError.self) {
            try await WebSocketConnection.open("ws://127.0.0.1:\(closedPort)/ws")
        }
    }

    @Test("abort closes without waiting; the server sees the connection gone")
    func abort() async throws {
        try await Self.withServer { server in
            let ws = try await WebSocketConnection.open(server.url)
            try await eventually("server counted the connection", timeout: .seconds(60)) { server.live == 1 ? true : nil }
            ws.abort()
            for await _ in ws.messages {}
            try await eventually("server saw the connection end", timeout: .seconds(60)) { server.live == 0 ? true : nil }
        }
    }
}
