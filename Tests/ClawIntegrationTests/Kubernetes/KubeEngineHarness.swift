import ClawCore
@testable import ClawDaemon
import ClawKubernetes
import ClawServices
import ClawStore
import ClawTestSupport
import Foundation
import Testing

/// The engine in-process on the Kubernetes backend against kmock's emulator: the daemon's own
/// composition (`DaemonCore`) with a `KubernetesInstanceRuntime` over the real `KubernetesClient`,
/// a temp-dir database, an org with credit, and `KubeletStandIn` playing the cluster's
/// controllers. `makeCore` composes another core on the same database and cluster (a restart).
final class KubeEngineHarness: Sendable {
    let dir: String
    let store: Store
    let client: KubernetesClient
    let runtime: KubernetesInstanceRuntime
    let installID: String
    let orgID: String
    let options: DaemonCore.Options
    let core: DaemonCore
    var instances: InstanceService { core.instances }

    init(emulator: KubeEmulator) async throws {
        dir = try TestPaths.makeTempDir("ke")
        store = try Store(path: dir + "/clawd.sqlite")
        installID = "k" + String(UUID().uuidString.lowercased().filter(\.isHexDigit).prefix(11))
        client = try KubernetesClient(config: try KubeConfig.load(path: try emulator.writeKubeconfig()),
                                      namespace: emulator.namespace)
        runtime = KubernetesInstanceRuntime(api: client, placement: KubernetesPlacement(namespace: emulator.namespace),
                                            installID: installID, startTimeout: .seconds(30), poll: .milliseconds(100))
        let config = EngineConfig(installID: installID, stateDir: InstanceWorkload.defaultStateDir,
                                  instancePort: InstanceWorkload.defaultPort, stopTimeoutSeconds: 2, resync: .seconds(60),
                                  orphanGraceSeconds: 300)
        options = DaemonCore.Options(
            instances: InstanceServiceConfig(policy: .default, image: "localhost/clawd-demo:latest", portRange: 40_000...40_100),
            backupDirectory: dir + "/backups",
            engine: DaemonCore.EngineOptions(runtime: runtime, local: nil, config: config, backups: nil))
        core = DaemonCore(store: store, options: options)
        let org = try await store.createOrg(name: "org-\(installID)", email: nil)
        _ = try await store.credit(orgID: org.id, amount: Cents(100_000), description: "test credit")
        orgID = org.id
    }

    /// A harness on a fresh emulator; the core and the kubelet stand-in run while `body` runs
    /// (`autostart: false`: the test runs cores itself).
    static func with(autostart: Bool = true, _ body: (KubeEngineHarness) async throws -> Void) async throws {
        try await KubeEmulator.with { emulator in
            let h = try await KubeEngineHarness(emulator: emulator)
            try await withCleanup({
                if autostart { try await h.running(h.core) { try await body(h) } } else { try await body(h) }
            }, cleanup: {
                try? await h.client.shutdown()
                try? FileManager.default.removeItem(atPath: h.dir)
            })
        }
    }

    func makeCore() -> DaemonCore { DaemonCore(store: store, options: options) }

    /// Runs `core`'s services and the kubelet stand-in while `body` runs.
    func running<T: Sendable>(_ core: DaemonCore, _ body: () async throws -> T) async throws -> T {
        let kubelet = KubeletStandIn(api: client, installID: installID)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await kubelet.run() }
            for service in core.services { group.addTask { try await service.run() } }
            defer { group.cancelAll() }
            return try await body()
        }
    }

    func create(_ subdomain: String, imConfig: String? = nil) async throws -> Instance {
        try await instances.create(orgID: orgID, subdomain: subdomain, defaultModel: "gpt-test", tier: .budget,
                                   imConfig: imConfig.map(IMConfig.init(json:))).0
    }

    @discardableResult
    func waitFor(_ id: String, _ what: String, timeout: Duration = .seconds(60),
                 _ condition: @escaping @Sendable (Instance) -> Bool) async throws -> Instance {
        try await eventually("\(id): \(what)", timeout: timeout) {
            guard let i = try await self.store.instance(id: id, orgID: nil) else { return nil }
            return condition(i) ? i : nil
        }
    }

    /// The engine has carried out every request on the instance (its operations are closed).
    func settled(_ id: String) async throws {
        try await eventually("\(id): operations closed") {
            try await self.store.operations(instanceID: id).allSatisfy(\.isFinished) ? true : nil
        }
    }

    func deployment(_ id: String) async throws -> Deployment? {
        try await client.get(Deployment.self, name: InstanceObjectNames(instanceID: id).deployment)
    }

    func claim(_ id: String) async throws -> PersistentVolumeClaim? {
        try await client.get(PersistentVolumeClaim.self, name: InstanceObjectNames(instanceID: id).persistentVolumeClaim)
    }

    func secret(_ id: String) async throws -> Secret? {
        try await client.get(Secret.self, name: InstanceObjectNames(instanceID: id).secret)
    }

    func service(_ id: String) async throws -> Service? {
        try await client.get(Service.self, name: InstanceObjectNames(instanceID: id).service)
    }

    func pods(_ id: String) async throws -> [Pod] {
        try await client.list(Pod.self, labelSelector: "\(RuntimeNames.instanceLabel)=\(id)").items
    }

    /// Every object of this install of `type` (to count duplicates).
    func all<Object: KubeObject>(_ type: Object.Type) async throws -> [Object] {
        try await client.list(type, labelSelector: "\(RuntimeNames.installLabel)=\(installID)").items
    }
}
