import ClawClient
import ClawCore
@testable import ClawDaemon
import ClawRuntime
import ClawServices
import ClawStore
import ClawTestSupport
import Foundation
import Testing

/// The built `clawd` against real podman, killed at each crash point and restarted without it.
/// Intent is written from the test into the daemon's database (the Claw HTTP routes are not
/// needed): exactly what a request handler commits before the worker runs.
final class CrashScenario: Sendable {
    let dir: String
    let store: Store
    let instances: InstanceService
    let installID: String
    let orgID: String
    let runtime: any ContainerRuntime

    init() async throws {
        runtime = try await RuntimeTestBackend.podman.makeRuntime()
        _ = try await RuntimeTestImage.ensure(on: .podman)
        dir = try TestPaths.makeTempDir("k")
        // Private, as clawd requires of its data directory.
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        store = try Store(path: dir + "/data/clawd.sqlite")
        installID = "k" + String(UUID().uuidString.lowercased().filter(\.isHexDigit).prefix(11))
        // Below the kernel's ephemeral range (32768+), where a client socket could hold a port, and
        // apart from the default pool (20000+) and the other harnesses' ranges.
        let base = 10_000 + 100 * Int.random(in: 0..<38)
        instances = InstanceService(store: store, config: InstanceServiceConfig(
            policy: .default, image: RuntimeTestBackend.imageTag, portRange: base...(base + 200)),
            subscribers: [])  // intent only: the daemon under test is another process
        let org = try await store.createOrg(name: "org-\(installID)", email: nil)
        _ = try await store.credit(orgID: org.id, amount: Cents(1_000_000), description: "test credit")
        orgID = org.id
    }

    func create(_ subdomain: String) async throws -> String {
        try await instances.create(orgID: orgID, subdomain: subdomain, defaultModel: nil, tier: .budget, imConfig: nil).0.id
    }

    func daemon(crashAt point: CrashPoint? = nil) throws -> DaemonProcess {
        var env = ["CLAWD_NETWORK_ISOLATION": "true"]
        if let point { env[CrashPoint.environmentVariable] = point.rawValue }
        return try DaemonProcess(arguments: ["--install-id", installID, "--runtime", "podman",
                                             "--image", RuntimeTestBackend.imageTag],
                                 environment: env, dir: dir)
    }

    /// Starts clawd with the crash point armed and expects it to die with 137 at that point.
    func crash(at point: CrashPoint) async throws {
        let d = try daemon(crashAt: point)
        let status = await d.waitExit(timeout: .seconds(60))
        if status == nil { d.signal(SIGKILL) }
        #expect(status == 137, "clawd did not crash at \(point.rawValue); stderr:\n\(d.stderr)")
        #expect(d.stderr.contains("crash point \(point.rawValue) reached"), "\(d.stderr)")
    }

    /// Runs clawd (no crash point) until `condition` holds, then stops it with SIGTERM.
    func runUntil(_ what: String, timeout: Duration = .seconds(90),
                  _ condition: @escaping @Sendable () async throws -> Bool) async throws {
        let d = try daemon()
        defer { if d.process.isRunning { d.signal(SIGKILL) } }
        try await d.waitReady()
        do {
            try await eventually(what, timeout: timeout) { try await condition() ? true : nil }
        } catch {
            Issue.record("\(error); clawd stderr:\n\(d.stderr)")
            throw error
        }
        d.signal(SIGTERM)
        #expect(await d.waitExit(timeout: .seconds(20)) == 0)
    }

    func instance(_ id: String) async throws -> Instance { try await #require(try store.instance(id: id, orgID: nil)) }

    var labels: [String: String] { [RuntimeNames.installLabel: installID] }

    func containers(_ id: String) async throws -> [ContainerInfo] {
        try await runtime.listContainers(labels: labels.merging([RuntimeNames.instanceLabel: id]) { a, _ in a })
    }

    func volumes(_ id: String) async throws -> [VolumeInfo] {
        try await runtime.listVolumes(labels: labels.merging([RuntimeNames.instanceLabel: id]) { a, _ in a })
    }

    func openOperations(_ id: String) async throws -> Int { try await store.openOperationCount(instanceID: id) }

    func charges(_ id: String) async throws -> [LedgerEntry.Kind] {
        try await store.ledger(orgID: orgID).filter { $0.instanceID == id }.map(\.kind)
    }

    /// Runs `body`, then removes every container and volume of this install, also on failure.
    static func with(_ body: (CrashScenario) async throws -> Void) async throws {
        let s = try await CrashScenario()
        try await withCleanup({ try await body(s) }, cleanup: { await s.cleanup() })
    }

    func cleanup() async {
        for c in (try? await runtime.listContainers(labels: labels)) ?? [] {
            try? await runtime.removeContainer(c.id, force: true)
        }
        for v in (try? await runtime.listVolumes(labels: labels)) ?? [] {
            try? await runtime.removeVolume(name: v.name)
        }
        _ = await TestNetworks.cleanup(runtime: runtime, installID: installID)
        try? FileManager.default.removeItem(atPath: dir)
    }
}

@Suite("crash points: clawd killed mid-operation converges after a restart", .serialized)
struct EngineCrashTests {
    @Test("create: killed at every provisioning step, the restart reaches RUNNING with one container, one volume, one charge",
          arguments: [CrashPoint.afterIntent, .afterVolume, .afterContainerCreated, .afterContainerStarted])
    func createCrash(point: CrashPoint) async throws {
        try await CrashScenario.with { s in
            let id = try await s.create("crash-\(s.installID)")
            try await s.crash(at: point)
            let midway = try await s.instance(id)
            #expect(midway.status == (point == .afterIntent ? .pending : .provisioning))
            #expect(try await s.volumes(id).count == (point == .afterIntent ? 0 : 1))
            let expectedContainers = point == .afterIntent || point == .afterVolume ? 0 : 1
            #expect(try await s.containers(id).count == expectedContainers)

            try await s.runUntil("instance RUNNING and its operation closed") {
                try await s.instance(id).status == .running ? try await s.openOperations(id) == 0 : false
            }
            await #expect(try s.store.operations(instanceID: id).map(\.status) == ["succeeded"])
            let containers = try await s.containers(id)
            #expect(containers.count == 1)
            #expect(containers.first?.state == .running, "SIGTERM must leave instance containers running")
            #expect(try await s.volumes(id).count == 1)
            await #expect(try s.charges(id) == [.charge])
        }
    }

    @Test("rebuild killed between removing the old container and creating the new one: the restart finishes it on the same volume")
    func midRebuild() async throws {
        try await CrashScenario.with { s in
            let id = try await s.create("rb-\(s.installID)")
            try await s.runUntil("RUNNING") { try await s.instance(id).status == .running ? try await s.openOperations(id) == 0 : false }
            _ = try await s.instances.request(.rebuild(), instanceID: id, orgID: nil)
            try await s.crash(at: .midRebuild)
            #expect(try await s.containers(id).isEmpty)
            #expect(try await s.volumes(id).count == 1)

            try await s.runUntil("generation 2 running") {
                let c = try await s.containers(id)
                let open = try await s.openOperations(id)
                return c.count == 1 && c[0].state == .running && c[0].labels[RuntimeNames.generationLabel] == "2"
                    && open == 0
            }
            await #expect(try s.instance(id).status == .running)
            await #expect(try s.store.operations(instanceID: id).map(\.status) == ["succeeded", "succeeded"])
            #expect(try await s.volumes(id).count == 1)
            await #expect(try s.charges(id) == [.charge])
        }
    }

    @Test("delete killed between removing the container and the volume: the restart removes the volume",
          arguments: [CrashPoint.afterIntent, .midDelete])
    func deleteCrash(point: CrashPoint) async throws {
        try await CrashScenario.with { s in
            let id = try await s.create("del-\(s.installID)")
            try await s.runUntil("RUNNING") { try await s.instance(id).status == .running ? try await s.openOperations(id) == 0 : false }
            _ = try await s.instances.request(.delete, instanceID: id, orgID: nil)
            try await s.crash(at: point)
            #expect(try await s.containers(id).count == (point == .afterIntent ? 1 : 0))
            #expect(try await s.volumes(id).count == 1)

            try await s.runUntil("container and volume gone") {
                let c = try await s.containers(id)
                let v = try await s.volumes(id)
                let open = try await s.openOperations(id)
                return c.isEmpty && v.isEmpty && open == 0
            }
            await #expect(try s.instance(id).status == .deleted)
            await #expect(try s.store.operations(instanceID: id).last?.status == "succeeded")
            await #expect(try s.charges(id) == [.charge])
        }
    }

    @Test("SIGKILL during a burst of 20 creates: after the restart all 20 run, each with one container, one volume, one charge")
    func burst() async throws {
        try await CrashScenario.with { s in
            var ids: [String] = []
            for n in 0..<20 { ids.append(try await s.create("burst\(n)-\(s.installID)")) }
            let d = try s.daemon()
            defer { if d.process.isRunning { d.signal(SIGKILL) } }
            try await eventually("some containers created", timeout: .seconds(60)) {
                try await s.runtime.listContainers(labels: s.labels).count >= 4 ? true : nil
            }
            d.signal(SIGKILL)
            _ = await d.waitExit(timeout: .seconds(10))
            var running = 0
            for id in ids where try await s.instance(id).status == .running { running += 1 }
            #expect(running < 20, "the kill came too late to test anything")

            try await s.runUntil("all 20 RUNNING", timeout: .seconds(180)) { [ids] in
                for id in ids {
                    guard try await s.instance(id).status == .running, try await s.openOperations(id) == 0 else { return false }
                }
                return true
            }
            let containers = try await s.runtime.listContainers(labels: s.labels)
            let volumes = try await s.runtime.listVolumes(labels: s.labels)
            #expect(containers.count == 20)
            #expect(volumes.count == 20)
            #expect(Set(containers.compactMap { $0.labels[RuntimeNames.instanceLabel] }) == Set(ids))
            #expect(containers.allSatisfy { $0.state == .running })
            for id in ids { await #expect(try s.charges(id) == [.charge]) }
        }
    }

    @Test("POST /admin/reconcile runs a full pass and answers what it changed; an unknown crash point refuses to start")
    func adminReconcileAndBadCrashPoint() async throws {
        try await CrashScenario.with { s in
            let d = try s.daemon()
            defer { if d.process.isRunning { d.signal(SIGKILL) } }
            try await d.waitReady()
            let reply = try await d.admin.post("/admin/reconcile", [:])
            #expect(reply.status == 200, "\(reply.text)")
            let changed = try #require(try reply.json()["changed"] as? [String: Any])
            #expect(changed["woken"] as? Int == 0)
            #expect(changed["orphansRemoved"] as? Int == 0)
            d.signal(SIGTERM)
            _ = await d.waitExit(timeout: .seconds(20))

            let bad = try DaemonProcess(arguments: ["--install-id", s.installID], environment: ["CLAWD_CRASH_AT": "nowhere"],
                                        dir: s.dir)
            let status = await bad.waitExit(timeout: .seconds(30))
            #expect(status != nil && status != 0 && status != 137)
            #expect(bad.stderr.contains("CLAWD_CRASH_AT"), "\(bad.stderr)")
        }
    }
}
