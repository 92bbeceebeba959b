import ClawCore
@testable import ClawDaemon
import ClawStore
import ClawTestSupport
import Foundation
import Testing

@Suite("Deadlines: catch-up after a long downtime, in time order, firing once")
struct DeadlineCatchUpTests {
    typealias Queue = DeadlineQueue<DeadlineSubject>

    static func key(_ id: String, _ kind: DeadlineKind) -> DeadlineSubject { .lifecycle(kind, instanceID: id) }
    static func id(_ entry: Queue.Entry) -> String { entry.subject.lifecycle?.instanceID ?? "" }

    @Test("many past deadlines pop in time order; re-armed ones at their new time only; disarmed never; future stay")
    func queueOrder() {
        var rng = SystemRandomNumberGenerator()
        var q = Queue()
        let now = Timestamp(millis: 1_800_000_000_000)
        var expected: [String: Timestamp] = [:]
        for n in 0..<2_000 {
            let at = Timestamp(millis: now.millis - Int64.random(in: 1...(90 * 86_400_000), using: &rng))
            let kind: DeadlineKind = n.isMultiple(of: 3) ? .retention : .expiry
            q.arm(Self.key("i\(n)", kind), at: at)
            expected["i\(n)"] = at
        }
        // Re-armed (renewed) into the past and into the future; disarmed (deleted).
        for n in stride(from: 0, to: 2_000, by: 7) {
            let kind: DeadlineKind = n.isMultiple(of: 3) ? .retention : .expiry
            let at = n.isMultiple(of: 2) ? now.adding(seconds: -5) : now.adding(seconds: 3600)
            q.arm(Self.key("i\(n)", kind), at: at)
            expected["i\(n)"] = at
        }
        for n in stride(from: 5, to: 2_000, by: 11) {
            q.disarm(Self.key("i\(n)", n.isMultiple(of: 3) ? .retention : .expiry))
            expected["i\(n)"] = nil
        }
        let due = q.popDue(now: now)
        #expect(due.map(\.at) == due.map(\.at).sorted())
        let pastIDs = expected.filter { $0.value <= now }
        #expect(due.count == pastIDs.count)
        #expect(Set(due.map(Self.id)) == Set(pastIDs.keys))
        for entry in due { #expect(expected[Self.id(entry)] == entry.at) }
        #expect(q.popDue(now: now).isEmpty)
        #expect(q.count == expected.count - pastIDs.count)
        #expect(q.peek()?.at == now.adding(seconds: 3600))
    }

    @Test("equal times fire in a fixed order (kind, then id)")
    func ties() {
        var q = Queue()
        let t = Timestamp(millis: 1000)
        for id in ["c", "a", "b"] {
            q.arm(Self.key(id, .retention), at: t)
            q.arm(Self.key(id, .expiry), at: t)
        }
        #expect(q.popDue(now: t).map { "\($0.subject.kind):\(Self.id($0))" }
                == ["expiry:a", "expiry:b", "expiry:c", "retention:a", "retention:b", "retention:c"])
    }

    @Test("at boot, deadlines passed while the daemon was down fire at once in time order, each once")
    func bootCatchUp() async throws {
        let dir = try TestPaths.makeTempDir("dl")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try Store(path: dir + "/clawd.sqlite")
        let policy = LifecyclePolicy(periodSeconds: 60, retentionSeconds: 3600)
        let options = DaemonCore.Options(instances: .init(policy: policy, image: "img", portRange: 44_000...44_099),
                                         backupDirectory: dir + "/backups", engine: nil)
        let core = DaemonCore(store: store, options: options)
        let service = core.instances
        let org = try await store.createOrg(name: "catchup", email: nil)
        _ = try await store.credit(orgID: org.id, amount: Cents(1_000_000), description: "t")
        // Created "a while ago", at shuffled times: their periods ended while nothing ran.
        let base = Timestamp.now().adding(seconds: -3600)
        var created: [(id: String, paidUntil: Timestamp)] = []
        for n in [4, 1, 3, 0, 2] {
            let (i, _) = try await service.create(orgID: org.id, subdomain: "late-\(n)", defaultModel: nil, tier: .budget,
                                            imConfig: nil, now: base.adding(seconds: Int64(n) * 60))
            created.append((i.id, i.paidUntil))
        }
        let deadlines = core.deadlines, timer = core.deadlineService
        try await core.load()
        #expect(deadlines.lifecycleCount == 5)
        await timer.fireDue()
        await timer.fireDue()
        let expired = try await store.events(orgID: org.id, after: 0).filter { $0.type == EventType.instanceExpired }
        let order = created.sorted { $0.paidUntil < $1.paidUntil }.map(\.id)
        #expect(expired.compactMap(\.instanceID) == order)
        for (id, _) in created {
            let i = try await #require(try store.instance(id: id, orgID: nil))
            #expect(i.status == .stopped && i.stopReason == .expired)
            #expect(i.deleteAfter == i.paidUntil.adding(seconds: 3600))
        }
        // Retention is now armed, an hour after each paidUntil: still in the future for some.
        #expect(deadlines.lifecycleCount == 5)
        // A second boot on the same database fires nothing new.
        let again = DaemonCore(store: store, options: options)
        try await again.load()
        await again.deadlineService.fireDue()
        await #expect(try store.eventCount(type: EventType.instanceExpired) == 5)
    }
}
