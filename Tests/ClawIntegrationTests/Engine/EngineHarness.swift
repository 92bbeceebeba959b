import ClawCore
@testable import ClawDaemon
import ClawRuntime
import ClawServices
import ClawStore
import ClawTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The engine in-process against REAL podman: a temp-dir database, a unique install id, an org
/// with credit, and the daemon's own composition (`DaemonCore`: services, subscribers, engine,
/// deadline service) running for the test's duration. Every container and volume carrying the
/// install label is removed at the end, also on failure.
final class EngineHarness: Sendable {
    let dir: String
    let store: Store
    let runtime: any ContainerRuntime
    /// The same engine's CLI, for what a test does behind clawd's back.
    let cli: RuntimeCommandLine
    let installID: String
    let orgID: String
    let config: EngineConfig
    let options: DaemonCore.Options
    /// The composition the test starts with (`makeCore` composes another: a restarted daemon).
    let core: DaemonCore
    var instances: InstanceService { core.instances }
    var deadlines: Deadlines { core.deadlines }
    static let image = RuntimeTestBackend.imageTag

    /// podman always; docker too when the private dockerd of `scripts/test` runs.
    static var backends: [RuntimeTestBackend] {
        let docker = ProcessInfo.processInfo.environment["CLAWD_TEST_DOCKER_HOST"].map { !$0.isEmpty } ?? false
        return docker ? [.podman, .docker] : [.podman]
    }

    private init(backend: RuntimeTestBackend, configure: (inout EngineConfig) -> Void, policy: LifecyclePolicy,
                 backups: BackupSettings?) async throws {
        cli = try await backend.commandLine()
        _ = try await RuntimeTestImage.ensure(on: backend)
        runtime = cli.driver(timeout: .seconds(120))
        dir = try TestPaths.makeTempDir("e")
        store = try Store(path: dir + "/clawd.sqlite")
        installID = "t" + String(UUID().uuidString.lowercased().filter(\.isHexDigit).prefix(11))
        // Below the kernel's ephemeral range (32768+), where a client socket could hold a port, and
        // apart from the default pool (20000+) and the crash tests' range.
        let base = 14_200 + 100 * Int.random(in: 0..<56)
        var config = EngineConfig(installID: installID, stateDir: "/home/node/.openclaw", instancePort: 18789,
                                  stopTimeoutSeconds: 2, resync: .seconds(60), orphanGraceSeconds: 300)
        configure(&config)
        self.config = config
        let engine = DaemonCore.EngineOptions(runtime: runtime, config: config, backups: backups)
        options = DaemonCore.Options(
            instances: InstanceServiceConfig(policy: policy, image: Self.image, portRange: base...(base + 200)),
            backupDirectory: dir + "/backups", engine: engine)
        core = DaemonCore(store: store, options: options)
        let org = try await store.createOrg(name: "org-\(installID)", email: nil)
        _ = try await store.credit(orgID: org.id, amount: Cents(100_000), description: "test credit")
        orgID = org.id
    }

    /// Another composition on the same database and runtime, as a restarted daemon makes.
    func makeCore() -> DaemonCore { DaemonCore(store: store, options: options) }

    /// Runs the core's services (engine, deadlines) while `body` runs.
    func running<T: Sendable>(_ core: DaemonCore, _ body: () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for service in core.services { group.addTask { try await service.run() } }
            defer { group.cancelAll() }
            return try await body()
        }
    }

    /// A harness whose core runs (`autostart`), or not yet (the test runs `h.core` itself).
    /// `backups`: the workers take and restore backups with these settings (nil: none).
    static func with(_ backend: RuntimeTestBackend = .podman, autostart: Bool = true, policy: LifecyclePolicy = .default,
                     backups: BackupSettings? = nil, configure: (inout EngineConfig) -> Void = { _ in },
                     _ body: (EngineHarness, Engine) async throws -> Void) async throws {
        let h = try await EngineHarness(backend: backend, configure: configure, policy: policy, backups: backups)
        let engine = try #require(h.core.engine)
        var leftovers: [String] = []
        try await withCleanup({
            if autostart {
                try await h.running(h.core) { try await body(h, engine) }
            } else {
                try await body(h, engine)
            }
        }, cleanup: { leftovers = await h.cleanup() })
        #expect(leftovers.isEmpty, "cleanup failed: \(leftovers)")
    }

    /// Removes every container and volume with this install's label; returns failures.
    @discardableResult
    func cleanup() async -> [String] {
        var failures: [String] = []
        let labels = [RuntimeNames.installLabel: installID]
        for c in (try? await runtime.listContainers(labels: labels)) ?? [] {
            do { try await runtime.removeContainer(c.id, force: true) } catch { failures.append("\(c.name): \(error)") }
        }
        for v in (try? await runtime.listVolumes(labels: labels)) ?? [] {
            do { try await runtime.removeVolume(name: v.name) } catch { failures.append("\(v.name): \(error)") }
        }
        try? FileManager.default.removeItem(atPath: dir)
        return failures
    }

    // MARK: helpers

    func create(_ subdomain: String, imConfig: [String: String]? = nil, image: String? = nil) async throws -> Instance {
        let config = try imConfig.map { IMConfig(json: String(decoding: try JSONEncoder().encode($0), as: UTF8.self)) }
        return try await instances.create(orgID: orgID, subdomain: subdomain, defaultModel: "gpt-test", tier: .budget,
                                          imConfig: config, image: image).0
    }

    func instance(_ id: String) async throws -> Instance {
        try await #require(try store.instance(id: id, orgID: nil))
    }

    /// Polls until `condition` holds for the instance; returns it.
    @discardableResult
    func waitFor(_ id: String, _ what: String, timeout: Duration = .seconds(60),
                 _ condition: @escaping @Sendable (Instance) -> Bool) async throws -> Instance {
        try await eventually("\(id): \(what)", timeout: timeout) {
            guard let i = try await self.store.instance(id: id, orgID: nil) else { return nil }
            return condition(i) ? i : nil
        }
    }

    func container(_ id: String) async throws -> ContainerInfo? {
        try await runtime.inspectContainer(RuntimeNames.container(id))
    }

    func volumeExists(_ id: String) async throws -> Bool {
        try await runtime.volumeExists(name: RuntimeNames.volume(id))
    }

    /// `podman <args>` (or docker) as argv; returns stdout (fails the test on a non-zero exit).
    @discardableResult
    func podman(_ args: [String]) async throws -> String {
        try await cli.output(args)
    }

    /// GET over loopback only; nil while nothing answers.
    static func get(_ port: Int, _ path: String = "/") async -> (status: Int, body: String)? {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { return nil }
        var request = URLRequest(url: url)
        request.timeoutInterval = 2
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        guard let (data, response) = try? await session.data(for: request), let http = response as? HTTPURLResponse
        else { return nil }
        return (http.statusCode, String(decoding: data, as: UTF8.self))
    }
}
