import ClawCore
import Testing

@Suite("Agent run queue: one per group, host cap, tasks first, FIFO, retries")
struct RunQueueTests {
    static func msg(_ id: String, _ group: String) -> QueuedRun { QueuedRun(runID: id, group: group, kind: .message) }
    static func task(_ id: String, _ group: String) -> QueuedRun { QueuedRun(runID: id, group: group, kind: .task) }
    static func started(_ actions: [QueueAction]) -> [String] {
        actions.compactMap { if case .start(let r) = $0 { r.runID } else { nil } }
    }

    @Test("runs start at once while slots are free, then wait; a finish starts the oldest waiting")
    func capAndFIFO() {
        var q = RunQueue(maxConcurrent: 3)
        var starts: [String] = []
        for i in 1...8 { starts += Self.started(q.submit(Self.msg("r\(i)", "g\(i)"))) }
        #expect(starts == ["r1", "r2", "r3"])
        #expect(q.counts == QueueCounts(active: 3, waiting: 5, pendingMessages: 5, pendingTasks: 0, maxConcurrent: 3))
        #expect(Self.started(q.finished(runID: "r2", failed: false)) == ["r4"])
        #expect(Self.started(q.finished(runID: "r1", failed: false)) == ["r5"])
        #expect(Self.started(q.finished(runID: "r3", failed: true)).isEmpty == false)
        #expect(q.active.count == 3)
    }

    @Test("never more than maxConcurrent active over any sequence of finishes")
    func neverAboveCap() {
        for cap in 1...4 {
            var q = RunQueue(maxConcurrent: cap)
            var order: [String] = []
            for i in 0..<12 { order += Self.started(q.submit(Self.msg("r\(i)", "g\(i % 5)"))) }
            while let running = q.active.values.map(\.runID).sorted().first {
                #expect(q.active.count <= cap)
                order += Self.started(q.finished(runID: running, failed: false))
            }
            #expect(order.count == 12)
            #expect(Set(order).count == 12)
        }
    }

    @Test("one run per group: a second run of a busy group waits even with free slots")
    func onePerGroup() {
        var q = RunQueue(maxConcurrent: 5)
        #expect(Self.started(q.submit(Self.msg("a1", "a"))) == ["a1"])
        #expect(Self.started(q.submit(Self.msg("a2", "a"))).isEmpty)
        #expect(Self.started(q.submit(Self.msg("b1", "b"))) == ["b1"])
        #expect(q.group(named: "a").pendingMessages == 1)
        #expect(q.isActive(group: "a"))
        #expect(Self.started(q.finished(runID: "a1", failed: false)) == ["a2"])
    }

    @Test("when a slot frees, a waiting task starts before older waiting messages")
    func tasksFirst() {
        var q = RunQueue(maxConcurrent: 1)
        _ = q.submit(Self.msg("m0", "g0"))
        _ = q.submit(Self.msg("m1", "g1"))
        _ = q.submit(Self.msg("m2", "g2"))
        _ = q.submit(Self.task("t3", "g3"))
        _ = q.submit(Self.task("t4", "g4"))
        var order: [String] = []
        for id in ["m0", "t3", "t4", "m1", "m2"] {
            order += Self.started(q.finished(runID: id, failed: false))
        }
        #expect(order == ["t3", "t4", "m1", "m2"])
    }

    @Test("a task of a busy group does not block another group's message")
    func busyGroupTaskSkipped() {
        var q = RunQueue(maxConcurrent: 2)
        _ = q.submit(Self.msg("a1", "a"))
        _ = q.submit(Self.msg("b1", "b"))
        _ = q.submit(Self.task("a2", "a"))
        _ = q.submit(Self.msg("c1", "c"))
        #expect(Self.started(q.finished(runID: "b1", failed: false)) == ["c1"])
        #expect(Self.started(q.finished(runID: "a1", failed: false)) == ["a2"])
    }

    @Test("lowering the cap stops nothing and holds back starts; raising it starts waiting runs")
    func changeCap() {
        var q = RunQueue(maxConcurrent: 4)
        for i in 0..<6 { _ = q.submit(Self.msg("r\(i)", "g\(i)")) }
        #expect(q.setMaxConcurrent(2).isEmpty)
        #expect(q.active.count == 4)
        #expect(Self.started(q.finished(runID: "r0", failed: false)).isEmpty)
        #expect(Self.started(q.finished(runID: "r1", failed: false)).isEmpty)
        #expect(Self.started(q.finished(runID: "r2", failed: false)) == ["r4"])
        #expect(Self.started(q.setMaxConcurrent(5)) == ["r5"])
        #expect(q.setMaxConcurrent(0).isEmpty)
        #expect(q.maxConcurrent == 1)
    }

    @Test("a failed message run comes back after 5, 10, 20, 40, 80 s, then is given up")
    func retries() {
        var q = RunQueue(maxConcurrent: 1)
        _ = q.submit(Self.msg("m", "g"))
        var delays: [Int64] = []
        for attempt in 1...5 {
            let actions = q.finished(runID: "m", failed: true)
            guard case .retry(let run, let delay)? = actions.first else { Issue.record("no retry: \(actions)"); return }
            #expect(run.attempt == attempt)
            #expect(q.group(named: "g").retryCount == attempt)
            delays.append(delay)
            #expect(q.counts.pendingMessages == 1)
            #expect(Self.started(q.retryDue(runID: "m")) == ["m"])
        }
        #expect(delays == [5000, 10000, 20000, 40000, 80000])
        #expect(q.finished(runID: "m", failed: true) == [.giveUp(QueuedRun(runID: "m", group: "g", kind: .message, attempt: 5))])
        #expect(!q.knows("m"))
    }

    @Test("failed tasks are not retried; a retry queues behind runs that arrived meanwhile")
    func retryOrder() {
        var q = RunQueue(maxConcurrent: 1)
        _ = q.submit(Self.task("t", "g"))
        #expect(q.finished(runID: "t", failed: true).isEmpty)
        _ = q.submit(Self.msg("m", "g"))
        _ = q.finished(runID: "m", failed: true)
        _ = q.submit(Self.msg("x", "h"))
        #expect(q.active["h"]?.runID == "x")
        #expect(q.retryDue(runID: "m").isEmpty)
        #expect(Self.started(q.finished(runID: "x", failed: false)) == ["m"])
    }

    @Test("unknown finishes and retries, duplicate submissions and drops are harmless")
    func noOps() {
        var q = RunQueue(maxConcurrent: 2)
        #expect(q.finished(runID: "nope", failed: true).isEmpty)
        #expect(q.retryDue(runID: "nope").isEmpty)
        _ = q.submit(Self.msg("a", "g"))
        let before = q
        #expect(q.submit(Self.msg("a", "g")).isEmpty)
        #expect(q == before)
        _ = q.submit(Self.msg("b", "g"))
        q.drop(runID: "b")
        #expect(q.group(named: "g").pendingMessages == 0)
        q.drop(runID: "a")
        #expect(q.isActive(group: "g"))
        #expect(q.groups.map(\.group) == ["g"])
    }
}
