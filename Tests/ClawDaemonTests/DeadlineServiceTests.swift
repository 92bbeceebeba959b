import ClawCore
@testable import ClawDaemon
import ClawServices
import ClawStore
import ClawTestSupport
import Foundation
import Synchronization
import Testing

@Suite("One deadline service: every subject on one queue, fired by its owner at the injected time")
struct DeadlineServiceTests {
    @Test("subjects of every kind due at one instant pop in kind order, then id; a later one stays armed")
    func everyKindInOrder() {
        var q = DeadlineQueue<DeadlineSubject>()
        let t = Timestamp(millis: 5_000)
        let subjects: [DeadlineSubject] = [
            .containerSchedule(scheduleID: "s1"), .backupExpiry(backupID: 10), .backupExpiry(backupID: 9),
            .backupSchedule(instanceID: "b"), .lowBalance(orgID: "o", instanceID: "a"), .retention(instanceID: "a"),
            .expiry(instanceID: "b"), .expiry(instanceID: "a"),
        ]
        for s in subjects { q.arm(s, at: t) }
        q.arm(.containerSchedule(scheduleID: "later"), at: t.adding(seconds: 1))
        #expect(q.popDue(now: t).map(\.subject) == [
            .expiry(instanceID: "a"), .expiry(instanceID: "b"), .retention(instanceID: "a"),
            .lowBalance(orgID: "o", instanceID: "a"), .backupSchedule(instanceID: "b"), .backupExpiry(backupID: 9),
            .backupExpiry(backupID: 10), .containerSchedule(scheduleID: "s1"),
        ])
        #expect(q.count == 1 && q.peek()?.subject == .containerSchedule(scheduleID: "later"))
    }

    @Test("the running loop fires an expiry when the injected clock reaches paidUntil, not before")
    func loopFollowsInjectedClock() async throws {
        let dir = try TestPaths.makeTempDir("ds")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try Store(path: dir + "/clawd.sqlite")
        let t0 = Timestamp.now()
        let clock = Mutex(t0)
        var options = DaemonCore.Options(
            instances: .init(policy: LifecyclePolicy(periodSeconds: 3600, retentionSeconds: 3600), image: "img",
                             portRange: 44_100...44_199),
            backupDirectory: dir + "/backups", engine: nil)
        options.now = { clock.withLock { $0 } }
        let core = DaemonCore(store: store, options: options)
        let org = try await store.createOrg(name: "clock", email: nil)
        _ = try await store.credit(orgID: org.id, amount: Cents(1_000_000), description: "t")
        let (created, _) = try await core.instances.create(orgID: org.id, subdomain: "clock", defaultModel: nil, tier: .budget,
                                                     imConfig: nil, now: t0)
        try await core.instances.report(.provisioningStarted, instanceID: created.id, now: t0)
        try await core.instances.report(.provisioned, instanceID: created.id, now: t0)
        try await core.load()
        #expect(core.deadlines.armed(.expiry(instanceID: created.id)) == created.paidUntil)
        #expect(core.deadlines.nextLifecycle?.instanceID == created.id)

        try await withThrowingTaskGroup(of: Void.self) { group in
            for service in core.services { group.addTask { try await service.run() } }
            defer { group.cancelAll() }
            // The first pass at t0 fires what is due then: the low-balance moment (a one-hour
            // period is inside the 7-day horizon at once), not the expiry.
            let lowBalance = DeadlineSubject.lowBalance(orgID: org.id, instanceID: created.id)
            try await eventually("first pass", timeout: .seconds(5)) { core.deadlines.armed(lowBalance) == nil ? true : nil }
            await #expect(try store.instance(id: created.id, orgID: nil)?.status == .running)
            clock.withLock { $0 = created.paidUntil }
            core.deadlines.wakeup.signal()
            try await eventually("expired at the injected paidUntil", timeout: .seconds(10)) {
                let i = try await store.instance(id: created.id, orgID: nil)
                return i?.status == .stopped && i?.stopReason == .expired ? true : nil
            }
            #expect(core.deadlines.armed(.expiry(instanceID: created.id)) == nil)
            #expect(core.deadlines.armed(.retention(instanceID: created.id)) == created.paidUntil.adding(seconds: 3600))
        }
    }

    @Test("a container schedule armed by its commit fires through the service once, and re-arms on its grid")
    func containerSchedule() async throws {
        let dir = try TestPaths.makeTempDir("dsc")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try Store(path: dir + "/clawd.sqlite")
        let deadlines = Deadlines()
        let instances = InstanceService(store: store, config: .init(policy: .default, image: "img", portRange: 44_200...44_299),
                                        subscribers: [deadlines])
        let runs = ContainerRunStore(store: store, files: ContainerFiles(dataDir: dir), subscribers: [deadlines])
        let service = DeadlineService(deadlines: deadlines, handlers: DeadlineHandlers(instances: instances, containerRuns: runs))
        _ = try await runs.createGroup(orgID: "o1", name: "g", description: "", isMain: false, chatJids: [])
        var f = ScheduleFields()
        (f.name, f.group, f.prompt) = ("s", "g", "tick")
        f.schedule = try RunSchedule(type: "interval", value: "2000")
        let t0 = Timestamp(millis: 1_000_000)
        let s = try await runs.createSchedule(orgID: "o1", f, now: t0)
        let due = try #require(s.nextRun)
        #expect(deadlines.armed(.containerSchedule(scheduleID: s.id)) == due)
        await service.fireDue(now: Timestamp(millis: due.millis - 1))
        await #expect(try runs.runs(orgID: nil, limit: 10).isEmpty)
        await service.fireDue(now: due)
        await service.fireDue(now: due)
        await #expect(try runs.runs(orgID: nil, limit: 10).map(\.scheduleID) == [s.id])
        #expect(deadlines.armed(.containerSchedule(scheduleID: s.id)) == Timestamp(millis: due.millis + 2000))
        try await runs.deleteSchedule(id: s.id, orgID: "o1")
        #expect(deadlines.armed(.containerSchedule(scheduleID: s.id)) == nil)
    }
}
