import ClawCore
@testable import ClawDaemon
import ClawRuntime
import ClawStore
import ClawTestSupport
import Foundation
import Testing

@Suite("engine reconciler against real podman", .serialized)
struct EngineReconcileTests {
    @Test("orphans with this install's label are removed after the grace; other installs and unlabelled objects are never touched")
    func orphans() async throws {
        try await withRuntimeFixture(.podman) { fixture in
            // A day's grace: however slow the host, the ghost is looked at well inside it.
            try await EngineHarness.with(configure: { $0.orphanGraceSeconds = 86_400 }) { h, engine in
                let live = try await h.create("live-\(h.installID)").id
                try await h.waitFor(live, "RUNNING") { $0.status == .running }

                let ghost = "cghost\(h.installID)"
                let ours = [RuntimeNames.installLabel: h.installID, RuntimeNames.instanceLabel: ghost]
                let other = [RuntimeNames.installLabel: "other\(h.installID)", RuntimeNames.instanceLabel: ghost]
                let idle = ["-c", "sleep 600"]
                _ = try await fixture.createContainer(ContainerSpec(
                    name: RuntimeNames.container(ghost), image: EngineHarness.image, labels: ours, command: idle,
                    entrypoint: "/bin/sh"))
                try await fixture.createVolume(RuntimeNames.volume(ghost), labels: ours)
                // Inside the grace the ghost only waits.
                let early = try await engine.reconcile(probe: false)
                #expect(early.orphansRemoved == 0)
                #expect(early.orphansWaiting == 2, "\(early)")
                #expect(try await h.container(ghost) != nil, "an orphan inside its grace was removed")
                #expect(try await h.volumeExists(ghost))

                let foreign = fixture.uniqueName("foreign")
                _ = try await fixture.createContainer(ContainerSpec(
                    name: foreign, image: EngineHarness.image, labels: other, command: idle, entrypoint: "/bin/sh"))
                let foreignVolume = fixture.uniqueName("foreignvol")
                try await fixture.createVolume(foreignVolume, labels: other)
                let unlabelled = fixture.uniqueName("plain")
                _ = try await fixture.createContainer(ContainerSpec(
                    name: unlabelled, image: EngineHarness.image, command: idle, entrypoint: "/bin/sh"))

                // The same objects seen by a daemon whose grace is over: the same store and
                // runtime, with no grace left (no wall-clock wait, so no load can change the outcome).
                var past = h.options
                past.engine?.config.orphanGraceSeconds = 0
                let later = try #require(DaemonCore(store: h.store, options: past).engine)
                let removed = try await eventually("orphans removed after the grace", timeout: .seconds(120)) {
                    let gone = try await h.container(ghost) == nil
                    let volumeGone = try await !h.volumeExists(ghost)
                    if gone && volumeGone { return true }
                    _ = try await later.reconcile(probe: false)
                    return nil
                }
                #expect(removed)
                // One more pass with every foreign object present and the grace over.
                _ = try await later.reconcile(probe: false)
                #expect(try await h.runtime.inspectContainer(foreign) != nil, "another install's container was removed")
                #expect(try await h.runtime.volumeExists(name: foreignVolume), "another install's volume was removed")
                #expect(try await h.runtime.inspectContainer(unlabelled) != nil, "an unlabelled container was removed")
                #expect(try await h.container(live)?.state == .running, "a live instance's container was touched")
                #expect(try await h.volumeExists(live))
            }
        }
    }

    @Test("boot: intent written while no engine ran is resumed; a RUNNING instance whose container vanished is recreated on the same volume")
    func resumesAtBoot() async throws {
        try await EngineHarness.with(autostart: false) { h, first in
            let id = try await h.create("boot-\(h.installID)").id
            await #expect(try h.instance(id).status == .pending)
            let boot = try await first.reconcile(probe: true)
            #expect(boot.woken == 1, "\(boot)")
            try await h.running(h.core) {
                try await h.waitFor(id, "RUNNING") { $0.status == .running }
                try await eventually("create operation succeeded", timeout: .seconds(60)) {
                    try await h.store.operations(instanceID: id).last?.status == "succeeded" ? true : nil
                }
            }
            let name = RuntimeNames.container(id)
            try await h.podman(["exec", name, "sh", "-c", "echo kept > /home/node/.openclaw/marker"])

            // Behind clawd's back, while it is down: the container disappears.
            try await h.runtime.removeContainer(name, force: true)
            let restarted = h.makeCore()
            let second = try #require(restarted.engine)
            let again = try await second.reconcile(probe: true)
            #expect(again.woken == 1, "\(again)")
            try await h.running(restarted) {
                try await eventually("container recreated and running", timeout: .seconds(60)) {
                    try await h.container(id)?.state == .running ? true : nil
                }
                let marker = try await h.podman(["exec", name, "cat", "/home/node/.openclaw/marker"])
                #expect(marker.contains("kept"))
                try await h.waitFor(id, "healthy") { $0.healthStatus == .healthy }
            }
            let converged = try await second.reconcile(probe: false)
            #expect(converged.woken == 0, "a converged install wakes nobody: \(converged)")
        }
    }

    @Test("deadlines: paidUntil stops the container (STOPPED expired), deleteAfter deletes container and volume")
    func expiryAndRetention() async throws {
        // A period long enough for the instance to reach RUNNING on a loaded host before it ends.
        let policy = LifecyclePolicy(periodSeconds: 20, retentionSeconds: 3)
        try await EngineHarness.with(policy: policy) { h, _ in
            let id = try await h.create("exp-\(h.installID)").id
            try await h.waitFor(id, "RUNNING") { $0.status == .running }
            #expect(h.deadlines.lifecycleCount == 1)
            let expired = try await h.waitFor(id, "STOPPED(expired)", timeout: .seconds(90)) {
                $0.status == .stopped && $0.stopReason == .expired
            }
            // When the expiry was written (its event), not when this poll happened to look.
            let expiredAt = try #require(try await h.store.events(orgID: nil, after: 0)
                .last { $0.instanceID == id && $0.type == EventType.instanceExpired }?.at)
            #expect(expiredAt.millis - expired.paidUntil.millis < 1500, "expiry fired late")
            try await eventually("container stopped", timeout: .seconds(60)) {
                let state = try await h.container(id)?.state
                return state != .running ? true : nil
            }
            try await h.waitFor(id, "DELETED by retention", timeout: .seconds(60)) { $0.status == .deleted }
            try await eventually("container and volume removed", timeout: .seconds(60)) {
                let gone = try await h.container(id) == nil
                let volumeGone = try await !h.volumeExists(id)
                return gone && volumeGone ? true : nil
            }
            #expect(h.deadlines.lifecycleCount == 0)
        }
    }

    @Test("the runtime event stream dies: clawd re-subscribes with backoff and still restarts a killed container")
    func eventStreamResubscribes() async throws {
        // No full pass during the test: only the event stream (or a health probe) can notice the death.
        try await EngineHarness.with(configure: { $0.resync = .seconds(3600) }) { h, _ in
            let id = try await h.create("ev-\(h.installID)").id
            try await h.waitFor(id, "RUNNING and healthy") { $0.status == .running && $0.healthStatus == .healthy }
            let first = try await eventually("events process running", timeout: .seconds(60)) { Self.eventsProcess(h.installID) }
            kill(first, SIGKILL)  // the `podman events` child this test's engine started
            let second = try await eventually("events re-subscribed", timeout: .seconds(60)) {
                Self.eventsProcess(h.installID).flatMap { $0 != first ? $0 : nil }
            }
            #expect(second != first)
            // Killed at once, maybe before the new `events` process listens: it starts from the
            // last event heard, so the die is replayed rather than lost.
            try await h.podman(["kill", RuntimeNames.container(id)])
            try await eventually("death noticed through the new stream", timeout: .seconds(90)) {
                try await h.store.eventTypes(instanceID: id).contains(EventType.instanceUnhealthy) ? true : nil
            }
            try await h.waitFor(id, "healthy again") { $0.healthStatus == .healthy }
            #expect(try await h.container(id)?.state == .running)
        }
    }

    /// The pid of the `events` process filtering on this install's label, if one runs.
    static func eventsProcess(_ installID: String) -> Int32? {
        let own = "\(RuntimeNames.installLabel)=\(installID)"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(entry),
                  let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
            let args = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if args.contains("events"), args.contains("label=\(own)") { return pid }
        }
        return nil
    }
}
