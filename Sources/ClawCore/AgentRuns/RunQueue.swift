/// The agent-run queue as a pure state machine (NanoClaw's group queue): at most one run per
/// group, at most `maxConcurrent` on the host, tasks before messages when a slot frees, otherwise
/// first come first served across groups; failed message runs come back after 5 s, 10 s, 20 s,
/// 40 s, 80 s and then fail for good. Every event returns the actions for the executor to carry
/// out; lowering the cap never stops a running run, it only holds back the next starts.
public struct RunQueue: Sendable, Equatable {
    public static let defaultMaxConcurrent = 5
    public static let maxRetries = 5
    public static let firstRetryMillis: Int64 = 5000

    public private(set) var maxConcurrent: Int
    /// group → its running run.
    public private(set) var active: [String: QueuedRun] = [:]
    /// Waiting for a slot, in arrival order (`seq`).
    private var pending: [(seq: Int, run: QueuedRun)] = []
    /// Failed message runs waiting for their retry delay, by run id.
    private var delayed: [String: QueuedRun] = [:]
    private var seq = 0

    public init(maxConcurrent: Int = Self.defaultMaxConcurrent) {
        self.maxConcurrent = max(1, maxConcurrent)
    }

    public static func == (a: RunQueue, b: RunQueue) -> Bool {
        a.maxConcurrent == b.maxConcurrent && a.active == b.active && a.delayed == b.delayed
            && a.pending.map(\.run) == b.pending.map(\.run)
    }

    /// The delay before retry number `attempt` (1-based): 5 s doubling.
    public static func retryDelayMillis(attempt: Int) -> Int64 {
        firstRetryMillis << Int64(max(0, attempt - 1))
    }

    /// A new run joins the queue (a run id already known is ignored).
    public mutating func submit(_ run: QueuedRun) -> [QueueAction] {
        guard !knows(run.runID) else { return [] }
        enqueue(run)
        return fill()
    }

    /// The run holding its group's slot ended. A failed message run is retried after its
    /// backoff, or given up after `maxRetries`. An unknown run id changes nothing.
    public mutating func finished(runID: String, failed: Bool) -> [QueueAction] {
        guard let (group, run) = active.first(where: { $0.value.runID == runID }) else { return [] }
        active[group] = nil
        var actions: [QueueAction] = []
        if failed && run.kind == .message {
            if run.attempt < Self.maxRetries {
                var again = run
                again.attempt += 1
                delayed[run.runID] = again
                actions.append(.retry(again, delayMillis: Self.retryDelayMillis(attempt: again.attempt)))
            } else {
                actions.append(.giveUp(run))
            }
        }
        return actions + fill()
    }

    /// A retry delay ran out: the run queues again, behind what arrived meanwhile.
    public mutating func retryDue(runID: String) -> [QueueAction] {
        guard let run = delayed.removeValue(forKey: runID) else { return [] }
        enqueue(run)
        return fill()
    }

    /// Raising the cap starts waiting runs; lowering it stops nothing.
    public mutating func setMaxConcurrent(_ n: Int) -> [QueueAction] {
        maxConcurrent = max(1, n)
        return fill()
    }

    /// Forgets a queued or delayed run (e.g. its group was deleted); a running one is untouched.
    public mutating func drop(runID: String) {
        pending.removeAll { $0.run.runID == runID }
        delayed[runID] = nil
    }

    public func knows(_ runID: String) -> Bool {
        delayed[runID] != nil || pending.contains { $0.run.runID == runID } || active.values.contains { $0.runID == runID }
    }

    public func isActive(group: String) -> Bool { active[group] != nil }

    /// Queued runs of `group` (waiting or delayed), running one excluded.
    public func queuedRuns(group: String) -> [QueuedRun] {
        pending.map(\.run).filter { $0.group == group } + delayed.values.filter { $0.group == group }
    }

    private mutating func enqueue(_ run: QueuedRun) {
        seq += 1
        pending.append((seq, run))
    }

    /// Starts runs while slots are free: the oldest waiting task of an idle group, else its oldest message.
    private mutating func fill() -> [QueueAction] {
        var started: [QueueAction] = []
        while active.count < maxConcurrent {
            let eligible = pending.indices.filter { active[pending[$0].run.group] == nil }
            guard let pick = eligible.first(where: { pending[$0].run.kind == .task }) ?? eligible.first else { break }
            let run = pending.remove(at: pick).run
            active[run.group] = run
            started.append(.start(run))
        }
        return started
    }
}

extension RunQueue {
    public var counts: QueueCounts {
        let waitingGroups = Set(pending.map(\.run.group)).subtracting(active.keys)
        let queued = pending.map(\.run) + Array(delayed.values)
        return QueueCounts(active: active.count, waiting: waitingGroups.count,
                           pendingMessages: queued.filter { $0.kind == .message }.count,
                           pendingTasks: queued.filter { $0.kind == .task }.count,
                           maxConcurrent: maxConcurrent)
    }

    /// Every group with a running or queued run, by name.
    public var groups: [QueueGroupState] {
        let names = Set(active.keys).union(pending.map(\.run.group)).union(delayed.values.map(\.group))
        return names.sorted().map { group(named: $0) }
    }

    public func group(named name: String) -> QueueGroupState {
        let queued = queuedRuns(group: name)
        let retry = ([active[name]].compactMap { $0 } + queued).filter { $0.kind == .message }.map(\.attempt).max() ?? 0
        return QueueGroupState(group: name, activeRun: active[name],
                               pendingMessages: queued.filter { $0.kind == .message }.count,
                               pendingTasks: queued.filter { $0.kind == .task }.count, retryCount: retry)
    }
}
