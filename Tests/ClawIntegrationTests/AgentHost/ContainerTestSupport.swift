import AsyncHTTPClient
import ClawClient
import ClawCore
import ClawRuntime
import ClawTestSupport
import Foundation
import Hummingbird
import Synchronization
@testable import ClawDaemon

/// A clawd with the container API configured into a temp dir: its own install id, proxy port,
/// allowlist file and agent image context; requests go over the admin socket. It runs the
/// single-tenant configuration (agents on the runtime's default network, tokenless proxy
/// requests allowed), which these tests address by the default gateway; the multi-tenant default
/// is `TenantIsolationE2ETests`'.
struct ContainerDaemon {
    let daemon: DaemonProcess
    let installID: String
    let proxyPort: Int
    let dir: String

    static var agentImage: String {
        ProcessInfo.processInfo.environment["CLAWD_TEST_AGENT_IMAGE"] ?? "clawd-agent-runner:latest"
    }

    static func start(context: String? = nil, extra: [String: String] = [:]) async throws -> ContainerDaemon {
        let dir = try TestPaths.makeTempDir("ctr")
        let install = "ctest-" + String(UUID().uuidString.lowercased().filter(\.isHexDigit).prefix(8))
        let port = try TestPaths.freePort()
        let daemon = try DaemonProcess(arguments: ["--install-id", install], environment: [
            "CLAWD_CREDENTIAL_PROXY_PORT": "\(port)",
            "CLAWD_MOUNT_ALLOWLIST": dir + "/mount-allowlist.json",
            "CLAWD_AGENT_IMAGE_CONTEXT": context ?? TestPaths.repoRoot + "/etc/agent-image",
            "CLAWD_AGENT_IMAGE": agentImage,
            "CLAWD_NETWORK_ISOLATION": "false", "CLAWD_CREDENTIAL_PROXY_ALLOW_TOKENLESS": "true",
        ].merging(extra) { _, new in new }, dir: dir)
        try await daemon.waitReady()
        return ContainerDaemon(daemon: daemon, installID: install, proxyPort: port, dir: dir)
    }

    func send(_ method: String, _ path: String, _ body: Any? = nil, timeout: Duration = .seconds(60)) async throws
        -> ClawClient.Reply {
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        return try await daemon.admin.request(method, "/api/v1/container" + path, json: data, timeout: timeout)
    }

    func json(_ method: String, _ path: String, _ body: Any? = nil, expect: Int = 200) async throws -> [String: Any] {
        let r = try await send(method, path, body)
        guard r.status == expect else { throw DaemonProcessError("\(method) \(path) → \(r.status) \(r.text)") }
        return try r.json()
    }

    func stop() async {
        daemon.signal(SIGTERM)
        _ = await daemon.waitExit(timeout: .seconds(20))
    }
}

/// A local upstream for the proxy on 127.0.0.1: `/v1/echo` answers the credential headers it
/// got; `/v1/stream` sends `chunk-1`, waits until the test releases it, then `chunk-2`.
final class FakeUpstream: Sendable {
    let port: Int
    let seen = Mutex<[[String: String]]>([])
    let release = AsyncStream<Void>.makeStream()

    init() throws { port = try TestPaths.freePort() }

    func run() async throws {
        let router = Router()
        router.get("/v1/echo") { request, _ -> Response in
            let headers: [String: String] = [
                "x-api-key": request.headers[.init("x-api-key")!] ?? "",
                "authorization": request.headers[.authorization] ?? "",
                "path": request.uri.description,
                "connection": request.headers[.connection] ?? "",
            ]
            self.seen.withLock { $0.append(headers) }
            let data = try JSONSerialization.data(withJSONObject: ["got": headers["x-api-key"]!.isEmpty ? "none" : "key"])
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.get("/v1/stream") { _, _ -> Response in
            let release = self.release.stream
            return Response(status: .ok, headers: [.contentType: "text/event-stream"], body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "data: chunk-1\n\n"))
                var it = release.makeAsyncIterator()
                _ = await it.next()
                try await writer.write(ByteBuffer(string: "data: chunk-2\n\n"))
                try await writer.finish(nil)
            })
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        try await app.run()
    }
}

/// Runs `body` with the upstream serving; stops it afterwards.
func withUpstream<T: Sendable>(_ body: @Sendable (FakeUpstream) async throws -> T) async throws -> T {
    let upstream = try FakeUpstream()
    let server = Task { try await upstream.run() }
    defer { server.cancel() }
    try await eventually("upstream listening", timeout: .seconds(120)) {
        (try? await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(upstream.port)/v1/none"),
                                             timeout: .seconds(2))) != nil ? true : nil
    }
    return try await body(upstream)
}
