import ClawCore
@testable import ClawDaemon
import ClawServices
import ClawStore
import ClawTestSupport
import Foundation
import Testing

/// The instance an object name belongs to: `clawd-<id>` or `clawd-<id>-data`.
func instanceOwning(_ name: String) -> String {
    var n = name.hasPrefix("clawd-") ? String(name.dropFirst(6)) : name
    if n.hasSuffix("-data") { n.removeLast(5) }
    return n
}

@Suite("engine scheduling (in-memory runtime)")
struct EngineSerializationTests {
    @Test("runtime steps of one instance never interleave; at most 3 workers at once; the newest intent wins")
    func serialization() async throws {
        let dir = try TestPaths.makeTempDir("s")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try Store(path: dir + "/clawd.sqlite")
        let runtime = FakeRuntime(latency: .milliseconds(15), concurrencyKey: instanceOwning)
        let core = DaemonCore(store: store, options: DaemonCore.Options(
            instances: InstanceServiceConfig(policy: .default, image: "localhost/fake:1", portRange: 50_000...50_100),
            backupDirectory: dir + "/backups",
            engine: DaemonCore.EngineOptions(runtime: runtime, config: EngineConfig(
                installID: "fake1", stateDir: "/data", instancePort: 8080, stopTimeoutSeconds: 1, resync: .seconds(600),
                orphanGraceSeconds: 300), backups: nil)))
        let instances = core.instances, engine = try #require(core.engine)
        let org = try await store.createOrg(name: "serial", email: nil)
        _ = try await store.credit(orgID: org.id, amount: Cents(10_000_000), description: "t")

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await engine.run() }
            defer { group.cancelAll() }
            var ids: [String] = []
            for n in 0..<8 {
                ids.append(try await instances.create(orgID: org.id, subdomain: "serial\(n)", defaultModel: nil, tier: .budget,
                                                      imConfig: nil).0.id)
            }
            try await eventually("all running", timeout: .seconds(30)) { [ids] () async throws -> Bool? in
                for id in ids where try await store.instance(id: id, orgID: nil)?.status != .running { return nil }
                return true
            }
            // Competing requests on one instance, as fast as they can be written.
            let target = ids[0]
            for n in 0..<5 {
                _ = try await instances.request(.rebuild(), instanceID: target, orgID: nil)
                _ = try await instances.patch(instanceID: target, orgID: nil, defaultModel: .some("m\(n)"), imConfig: .none)
            }
            _ = try await instances.request(.delete, instanceID: target, orgID: nil)
            for id in ids.dropFirst() { _ = try await instances.request(.rebuild(), instanceID: id, orgID: nil) }
            try await eventually("delete converged, rebuilds done", timeout: .seconds(30)) { [ids] () async throws -> Bool? in
                let gone = runtime.container(RuntimeNames.container(target)) == nil
                    && !runtime.volumeNames.contains(RuntimeNames.volume(target))
                var open = 0
                for id in ids { open += try await store.openOperationCount(instanceID: id) }
                return gone && open == 0 ? true : nil
            }
            let c = runtime.concurrency
            #expect(c.maxPerKey == 1, "two steps of one instance overlapped")
            #expect(c.maxTotal <= 3, "more than 3 workers at once: \(c.maxTotal)")
            #expect(c.maxTotal >= 2, "no parallelism at all")
            for id in ids.dropFirst() {
                #expect(runtime.container(RuntimeNames.container(id))?.labels[RuntimeNames.generationLabel] == "2")
            }
            let ops = try await store.operations(instanceID: target)
            #expect(ops.last?.kind == "delete" && ops.last?.status == "succeeded")
            #expect(ops.dropLast().allSatisfy { $0.isFinished }, "older intents are superseded or done")
        }
    }
}
