import AsyncHTTPClient
import ClawCore
import ClawWire
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// Starts, stops and re-ports the credential proxy listener; answers its status (never a
/// credential). The bind address (`auto`) is the agent network's gateway (with network
/// isolation) or the runtime's default bridge gateway, unless configured.
actor CredentialProxy {
    let mappings: CredentialMappings
    /// The running agent runs' tokens (`/_run/<token>`), naming their org.
    nonisolated let tokens = RunProxyTokens()
    let client: HTTPClient
    let bindSetting: String
    /// Serve requests without a run token (`credential_proxy_allow_tokenless`).
    let allowTokenless: Bool
    let gateway: @Sendable () async -> String?
    private(set) var port: Int
    private var task: Task<Void, Never>?
    private var bindHost: String?
    private let served = Counter()
    let logger = Logger(label: "clawd.proxy")

    final class Counter: Sendable {
        let value = Atomic<Int>(0)
        func increment() { value.add(1, ordering: .relaxed) }
    }

    init(mappings: CredentialMappings, client: HTTPClient, port: Int, bindSetting: String, allowTokenless: Bool,
         gateway: @escaping @Sendable () async -> String?) {
        self.mappings = mappings
        self.client = client
        self.port = port
        self.bindSetting = bindSetting
        self.allowTokenless = allowTokenless
        self.gateway = gateway
    }

    var isRunning: Bool { task != nil }

    func start() async throws {
        guard task == nil else { return }
        let host: String
        if bindSetting == "auto" {
            guard let g = await gateway() else {
                throw ClawError(.unavailable, "cannot start the credential proxy: the container runtime reports no "
                    + "bridge gateway (set credential_proxy_bind)")
            }
            host = g
        } else {
            host = bindSetting
        }
        let channel: NIOAsyncChannel<CredentialProxyServer.Connection, Never>
        do {
            channel = try await CredentialProxyServer.bind(host: host, port: port)
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw ClawError(.conflict, "cannot start the credential proxy: \(host):\(port) is in use", param: "port")
        } catch {
            throw ClawError(.unavailable, "cannot start the credential proxy on \(host):\(port): \(error)")
        }
        let server = CredentialProxyServer(mappings: mappings, tokens: tokens, client: client, allowTokenless: allowTokenless)
        let served = self.served
        // Owned by this actor: `stop` (and the daemon's shutdown through the service) ends it.
        task = Task { try? await server.serve(channel) { served.increment() } }
        bindHost = host
        logger.info("credential proxy listening", metadata: ["address": "\(host):\(port)"])
    }

    func stop() async {
        guard let task else { return }
        task.cancel()
        await task.value
        self.task = nil
        logger.info("credential proxy stopped")
    }

    func setPort(_ newPort: Int) async throws {
        let wasRunning = task != nil
        if wasRunning { await stop() }
        let old = port
        port = newPort
        if wasRunning {
            do { try await start() } catch {
                port = old
                try? await start()
                throw error
            }
        }
    }

    struct Status: Sendable {
        var running: Bool
        var port: Int
        var bindHost: String?
        var mappings: [CredentialMapping]
        var requestsServed: Int

        /// Never a credential: mappings answer their public fields only.
        var wire: ContainerWire.ProxyStatus {
            .init(running: running, port: port, bindHost: bindHost, mappings: mappings.map(\.wire),
                  requestsServed: requestsServed)
        }
    }

    func status() async -> Status {
        var bind = bindHost
        if bind == nil { bind = bindSetting == "auto" ? await gateway() : bindSetting }
        return Status(running: task != nil, port: port, bindHost: bind, mappings: mappings.all,
                      requestsServed: served.value.load(ordering: .relaxed))
    }
}

/// The proxy as a service of the daemon: started during boot when configured (before READY=1,
/// so a client that sees the daemon ready sees the proxy running), stopped on shutdown.
struct CredentialProxyService: Service {
    let proxy: CredentialProxy
    let autostart: Bool
    let logger = Logger(label: "clawd.proxy")

    func startIfConfigured() async {
        guard autostart else { return }
        do { try await proxy.start() } catch {
            logger.warning("credential proxy did not start", metadata: ["error": "\(error)"])
        }
    }

    func run() async throws {
        try? await gracefulShutdown()
        await proxy.stop()
        try? await proxy.client.shutdown()
    }
}
