import ClawCore
@testable import ClawDaemon
import ClawServices
import ClawStore
import ClawTestSupport
import Foundation
import Synchronization
import Testing

/// An in-memory runtime that records how many calls are in flight per container/volume owner
/// and overall. Only for the scheduling property below; real behaviour is tested against podman.
final class CountingRuntime: ContainerRuntime, Sendable {
    struct Counts {
        var inFlight: [String: Int] = [:]
        var total = 0
        var maxPerInstance = 0
        var maxTotal = 0
        var containers: [String: ContainerInfo] = [:]
        var volumes: [String: [String: String]] = [:]
        var log: [String] = []
    }

    let counts = Mutex(Counts())
    let backend: RuntimeBackend = .podman

    /// The instance an object name belongs to: `clawd-<id>` or `clawd-<id>-data`.
    static func owner(_ name: String) -> String {
        var n = name.hasPrefix("clawd-") ? String(name.dropFirst(6)) : name
        if n.hasSuffix("-data") { n.removeLast(5) }
        return n
    }

    func step<T>(_ name: String, _ what: String, _ body: (inout Counts) throws -> T) async throws -> T {
        let owner = Self.owner(name)
        counts.withLock { c in
            c.inFlight[owner, default: 0] += 1
            c.total += 1
            c.maxPerInstance = max(c.maxPerInstance, c.inFlight[owner]!)
            c.maxTotal = max(c.maxTotal, c.total)
            c.log.append("\(owner) \(what)")
        }
        defer { counts.withLock { c in c.inFlight[owner]! -= 1; c.total -= 1 } }
        try await Task.sleep(for: .milliseconds(15))
        return try counts.withLock { try body(&$0) }
    }

    func info() async throws -> RuntimeInfo { RuntimeInfo(backend: .podman, version: "fake", binaryPath: "/fake") }
    func imageExists(_ reference: String) async throws -> Bool { true }
    func inspectImage(_ reference: String) async throws -> ImageInfo? { nil }
    func buildImage(tag: String, contextDirectory: String, containerfile: String?) async throws {}
    func removeImage(_ reference: String) async throws {}

    func createVolume(name: String, labels: [String: String]) async throws {
        try await step(name, "volume create") { c in if c.volumes[name] == nil { c.volumes[name] = labels } }
    }
    func volumeExists(name: String) async throws -> Bool { try await step(name, "volume inspect") { $0.volumes[name] != nil } }
    func listVolumes(labels: [String: String]) async throws -> [VolumeInfo] {
        counts.withLock { c in
            c.volumes.filter { v in labels.allSatisfy { v.value[$0.key] == $0.value } }
                .map { VolumeInfo(name: $0.key, labels: $0.value, createdAt: Date()) }
        }
    }
    func removeVolume(name: String) async throws { try await step(name, "volume rm") { $0.volumes[name] = nil } }
    func exportVolume(name: String, to path: String) async throws {}
    func importVolume(name: String, from path: String) async throws { try await step(name, "volume import") { _ in } }

    func createContainer(_ spec: ContainerSpec) async throws -> String {
        try await step(spec.name, "create") { c in
            if let existing = c.containers[spec.name] { return existing.id }
            c.containers[spec.name] = ContainerInfo(id: spec.name, name: spec.name, image: spec.image, state: .created,
                                                   labels: spec.labels, ports: [], createdAt: Date(), exitCode: nil)
            return spec.name
        }
    }
    func startContainer(_ nameOrID: String) async throws {
        try await step(nameOrID, "start") { c in c.containers[nameOrID]?.state = .running }
    }
    func stopContainer(_ nameOrID: String, timeoutSeconds: Int) async throws {
        try await step(nameOrID, "stop") { c in c.containers[nameOrID]?.state = .exited }
    }
    func killContainer(_ nameOrID: String, signal: String) async throws {}
    func removeContainer(_ nameOrID: String, force: Bool) async throws {
        try await step(nameOrID, "rm") { c in c.containers[nameOrID] = nil }
    }
    func inspectContainer(_ nameOrID: String) async throws -> ContainerInfo? {
        try await step(nameOrID, "inspect") { $0.containers[nameOrID] }
    }
    func listContainers(labels: [String: String]) async throws -> [ContainerInfo] {
        counts.withLock { c in c.containers.values.filter { ci in labels.allSatisfy { ci.labels[$0.key] == $0.value } } }
    }
    func logs(_ nameOrID: String, tail: Int?) async throws -> String { "" }
    func followLogs(_ nameOrID: String, tail: Int?) -> AsyncThrowingStream<String, any Error> { AsyncThrowingStream { $0.finish() } }
    func events(labels: [String: String]) -> AsyncThrowingStream<RuntimeEvent, any Error> { AsyncThrowingStream { _ in } }
}

@Suite("engine scheduling (in-memory runtime)")
struct EngineSerializationTests {
    @Test("runtime steps of one instance never interleave; at most 3 workers at once; the newest intent wins")
    func serialization() async throws {
        let dir = try TestPaths.makeTempDir("s")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try Store(path: dir + "/clawd.sqlite")
        let runtime = CountingRuntime()
        let core = DaemonCore(store: store, options: DaemonCore.Options(
            instances: InstanceServiceConfig(policy: .default, image: "localhost/fake:1", portRange: 50_000...50_100),
            backupDirectory: dir + "/backups",
            engine: DaemonCore.EngineOptions(runtime: runtime, config: EngineConfig(
                installID: "fake1", stateDir: "/data", instancePort: 8080, stopTimeoutSeconds: 1, resync: .seconds(600),
                orphanGraceSeconds: 300), backups: nil)))
        let instances = core.instances, engine = try #require(core.engine)
        let org = try store.createOrg(name: "serial", email: nil)
        _ = try store.credit(orgID: org.id, amount: Cents(10_000_000), description: "t")

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await engine.run() }
            defer { group.cancelAll() }
            let ids = try (0..<8).map {
                try instances.create(orgID: org.id, subdomain: "serial\($0)", defaultModel: nil, tier: .budget, imConfig: nil).0.id
            }
            try await EngineHarness.poll(.seconds(30), "all running") {
                try ids.allSatisfy { try store.instance(id: $0, orgID: nil)?.status == .running } ? true : nil
            }
            // Competing requests on one instance, as fast as they can be written.
            let target = ids[0]
            for n in 0..<5 {
                _ = try instances.request(.rebuild(), instanceID: target, orgID: nil)
                _ = try instances.patch(instanceID: target, orgID: nil, defaultModel: .some("m\(n)"), imConfig: .none)
            }
            _ = try instances.request(.delete, instanceID: target, orgID: nil)
            for id in ids.dropFirst() { _ = try instances.request(.rebuild(), instanceID: id, orgID: nil) }
            try await EngineHarness.poll(.seconds(30), "delete converged, rebuilds done") {
                let gone = runtime.counts.withLock { $0.containers["clawd-\(target)"] == nil && $0.volumes["clawd-\(target)-data"] == nil }
                let open = try ids.reduce(0) { $0 + (try store.openOperationCount(instanceID: $1)) }
                return gone && open == 0 ? true : nil
            }
            let c = runtime.counts.withLock { $0 }
            #expect(c.maxPerInstance == 1, "two steps of one instance overlapped")
            #expect(c.maxTotal <= 3, "more than 3 workers at once: \(c.maxTotal)")
            #expect(c.maxTotal >= 2, "no parallelism at all")
            for id in ids.dropFirst() {
                #expect(c.containers["clawd-\(id)"]?.labels["io.clawd.generation"] == "2")
            }
            let ops = try store.operations(instanceID: target)
            #expect(ops.last?.kind == "delete" && ops.last?.status == "succeeded")
            #expect(ops.dropLast().allSatisfy { $0.isFinished }, "older intents are superseded or done")
        }
    }
}
