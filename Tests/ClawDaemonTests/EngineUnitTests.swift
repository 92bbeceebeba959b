import ClawCore
@testable import ClawDaemon
import Testing

@Suite("engine parts without a runtime")
struct EngineUnitTests {
    @Test("worker pool: one run per instance, a wake while running means one more pass, at most `limit` slots, FIFO")
    func pool() {
        let pool = WorkerPool(limit: 2)
        #expect(pool.wake("a") == "a")
        #expect(pool.wake("a") == nil, "a second worker for a running instance")
        #expect(pool.wake("a") == nil)
        #expect(pool.wake("b") == "b")
        #expect(pool.wake("c") == nil, "over the limit: queued")
        #expect(pool.wake("d") == nil)
        #expect(pool.wake("c") == nil, "queued once")
        #expect(pool.consumeDirty("a"))
        #expect(!pool.consumeDirty("a"))
        _ = pool.wake("a")
        #expect(pool.finished("a") == "a", "woken meanwhile: one more pass")
        #expect(pool.finished("a") == "c", "the slot goes to the longest waiting")
        #expect(pool.finished("b") == "d")
        #expect(pool.finished("c") == nil)
        #expect(pool.finished("d") == nil)
        #expect(pool.busyCount == 0)
        #expect(pool.wake("e") == "e", "slots are free again")
        pool.stop()
        #expect(pool.wake("f") == nil)
    }

    @Test("deadline queue: earliest first, re-arm replaces, disarm drops, due ones pop in time order")
    func deadlineQueue() {
        var q = DeadlineQueue<DeadlineSubject>()
        func key(_ id: String, _ kind: DeadlineKind = .expiry) -> DeadlineSubject { .lifecycle(kind, instanceID: id) }
        q.arm(key("a"), at: Timestamp(millis: 500))
        q.arm(key("b"), at: Timestamp(millis: 100))
        q.arm(key("c"), at: Timestamp(millis: 300))
        q.arm(key("c", .retention), at: Timestamp(millis: 50))
        q.arm(key("a"), at: Timestamp(millis: 200))  // re-armed earlier
        q.arm(key("b"), at: Timestamp(millis: 900))  // re-armed later
        q.disarm(key("c", .retention))
        #expect(q.count == 3)
        #expect(q.peek()?.subject == key("a"))
        let due = q.popDue(now: Timestamp(millis: 400))
        #expect(due.map(\.subject) == [key("a"), key("c")])
        #expect(due.map(\.at.millis) == [200, 300])
        #expect(q.count == 1)
        #expect(q.popDue(now: Timestamp(millis: 899)).isEmpty)
        #expect(q.popDue(now: Timestamp(millis: 900)).map(\.subject) == [key("b")])
        #expect(q.peek() == nil)
    }

    @Test("supervisor: a stop of a seen-running container is a death with 1 s, 2 s, 4 s backoff; reset once it stays up")
    func supervisorBackoff() {
        let s = Supervisor(stableAfter: .seconds(60))
        let i = Instance(id: "c1", orgID: "o", subdomain: "x", status: .running, desired: .running, image: "img",
                         paidUntil: Timestamp(millis: .max), createdAt: .now(), updatedAt: .now(), rebuildDay: "", totalPaid: .zero)
        let exited = ObservedContainer(state: .exited, generation: 1, createdAt: .now())
        let t0 = ContinuousClock.now
        #expect(s.takeDeath(i, exited, now: t0) == nil, "never seen running (boot, or a requested start): not a death")
        s.noteRunning("c1", generation: 1)
        #expect(s.takeDeath(i, exited, now: t0) == t0 + .seconds(1))
        #expect(s.takeDeath(i, exited, now: t0) == nil, "one death counts once")
        #expect(s.holdUntil(i, plan: [.startContainer], now: t0) == t0 + .seconds(1))
        #expect(s.holdUntil(i, plan: [.stopContainer, .removeContainer], now: t0) == nil, "only the restart waits")
        s.started("c1", now: t0 + .seconds(1))
        s.noteDied("c1", generation: 1)
        #expect(s.takeDeath(i, exited, now: t0 + .seconds(2)) == t0 + .seconds(4))
        s.started("c1", now: t0 + .seconds(4))
        s.noteDied("c1", generation: 1)
        #expect(s.takeDeath(i, exited, now: t0 + .seconds(5)) == t0 + .seconds(9))
        s.started("c1", now: t0 + .seconds(9))
        s.noteDied("c1", generation: 1)
        #expect(s.takeDeath(i, exited, now: t0 + .seconds(100)) == t0 + .seconds(101), "stayed up 91 s: backoff reset")

        // A stop the worker makes itself is expected: its die event is not a death.
        s.noteRunning("c1", generation: 1)
        s.stopping("c1", generation: 1)
        s.noteDied("c1", generation: 1)
        #expect(s.takeDeath(i, exited, now: t0 + .seconds(200)) == nil)

        // A resync listing taken before that stop still shows the container running: not
        // evidence, nor is a second `die`; after the next start the worker's own sightings count.
        s.listedRunning("c1", generation: 1)
        s.noteDied("c1", generation: 1)
        #expect(s.takeDeath(i, exited, now: t0 + .seconds(201)) == nil, "a stale listing after a requested stop")
        s.started("c1", now: t0 + .seconds(300))
        s.listedRunning("c1", generation: 1)
        #expect(s.takeDeath(i, exited, now: t0 + .seconds(301)) != nil, "running again since the start, then stopped")

        var other = i
        other.generation = 2
        #expect(s.holdUntil(other, plan: [.startContainer], now: t0 + .seconds(100)) == nil,
                "a rebuild is not held back by the old generation's restart backoff")
    }

    @Test("supervisor: a failed step holds back only the intent it failed under")
    func failureBackoff() {
        let s = Supervisor(stableAfter: .seconds(60))
        var i = Instance(id: "c2", orgID: "o", subdomain: "x", status: .running, desired: .running, image: "img",
                         paidUntil: Timestamp(millis: .max), createdAt: .now(), updatedAt: .now(), rebuildDay: "", totalPaid: .zero)
        let t0 = ContinuousClock.now
        let first = s.failed("c2", key: .init(i), now: t0)
        #expect(first.count == 1 && first.retryAt == t0 + .seconds(1))
        #expect(s.failed("c2", key: .init(i), now: t0).count == 2)
        #expect(s.holdUntil(i, plan: [.removeContainer], now: t0) == t0 + .seconds(2))
        i.desired = .absent
        i.status = .deleted
        #expect(s.holdUntil(i, plan: [.removeContainer], now: t0) == nil, "a delete goes ahead at once")
        s.converged("c2")
        i.status = .running
        i.desired = .running
        #expect(s.holdUntil(i, plan: [.startContainer], now: t0) == nil)
    }

    @Test("crash points: names as documented; an unknown name is a config error; unset is nil")
    func crashPoints() throws {
        #expect(CrashPoint.allCases.map(\.rawValue) == [
            "after-intent", "after-volume", "after-container-created", "after-container-started", "mid-rebuild", "mid-delete",
        ])
        #expect(try CrashPoint.armed(in: [:]) == nil)
        #expect(try CrashPoint.armed(in: ["CLAWD_CRASH_AT": "mid-delete"]) == .midDelete)
        #expect(throws: ClawError.self) { try CrashPoint.armed(in: ["CLAWD_CRASH_AT": "later"]) }
    }

    @Test("the container spec: deterministic name, install/instance/generation labels, 127.0.0.1 port, tier limits, no secrets")
    func containerSpec() {
        let config = EngineConfig(installID: "inst1", stateDir: "/data", instancePort: 8080, stopTimeoutSeconds: 10,
                                  resync: .seconds(60), orphanGraceSeconds: 300)
        let i = Instance(id: "cabc", orgID: "o", subdomain: "bot", defaultModel: "m1", hasIMConfig: true, tier: .pro,
                         status: .pending, desired: .running, generation: 3, image: "img:1", hostPort: 21000,
                         paidUntil: .now(), createdAt: .now(), updatedAt: .now(), rebuildDay: "", totalPaid: .zero)
        let spec = InstanceContainerSpec.make(i, config: config)
        #expect(spec.name == "clawd-cabc")
        #expect(spec.labels == [RuntimeNames.installLabel: "inst1", RuntimeNames.instanceLabel: "cabc", RuntimeNames.generationLabel: "3"])
        #expect(spec.volumes == [VolumeMount(volume: "clawd-cabc-data", path: "/data")])
        #expect(spec.ports == [PortPublish(hostIP: "127.0.0.1", hostPort: 21000, containerPort: 8080)])
        #expect(spec.memoryBytes == Tier.pro.memoryBytes && spec.cpus == 2 && spec.pidsLimit == 512)
        #expect(spec.environment == ["CLAW_INSTANCE_ID": "cabc", "CLAW_SUBDOMAIN": "bot", "CLAW_DEFAULT_MODEL": "m1",
                                     "CLAW_STATE_DIR": "/data", "CLAW_PORT": "8080"])
    }
}
