import Synchronization

/// Who may run runtime steps for which instance: at most one worker per instance, at most
/// `limit` workers at once, FIFO for the rest. A wake for an instance whose worker is running
/// marks it dirty: the worker makes one more pass instead of a second worker starting.
final class WorkerPool: Sendable {
    private struct Entry {
        var running: Bool
        var dirty = false
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var waiting: [String] = []
        var waitingHead = 0
        var active = 0
        var stopping = false
    }

    private let state = Mutex(State())
    let limit: Int

    init(limit: Int) { self.limit = max(1, limit) }

    /// Records a wake; returns the id when a new worker should start for it now.
    func wake(_ id: String) -> String? {
        let limit = self.limit
        return state.withLock { s in
            if s.stopping { return nil }
            if s.entries[id] != nil {
                if s.entries[id]!.running { s.entries[id]!.dirty = true }
                return nil
            }
            if s.active < limit {
                s.active += 1
                s.entries[id] = Entry(running: true)
                return id
            }
            s.entries[id] = Entry(running: false)
            s.waiting.append(id)
            return nil
        }
    }

    /// Whether a wake arrived since the last call (and clears it): the worker re-plans.
    func consumeDirty(_ id: String) -> Bool {
        state.withLock { s in
            guard s.entries[id]?.dirty == true else { return false }
            s.entries[id]!.dirty = false
            return true
        }
    }

    /// The worker of `id` finished a run. Returns what the same slot works on next: `id` again
    /// when woken meanwhile, else the longest-waiting instance, else nil (the slot is freed).
    func finished(_ id: String) -> String? {
        state.withLock { s in
            if !s.stopping, s.entries[id]?.dirty == true {
                s.entries[id]!.dirty = false
                return id
            }
            s.entries[id] = nil
            while !s.stopping, s.waitingHead < s.waiting.count {
                let next = s.waiting[s.waitingHead]
                s.waitingHead += 1
                if s.waitingHead > 64, s.waitingHead * 2 > s.waiting.count {
                    s.waiting.removeFirst(s.waitingHead)
                    s.waitingHead = 0
                }
                guard s.entries[next]?.running == false else { continue }
                s.entries[next]!.running = true
                return next
            }
            s.active -= 1
            return nil
        }
    }

    /// No new runs from now on; running workers stop at their next step boundary.
    func stop() { state.withLock { $0.stopping = true } }

    var isStopping: Bool { state.withLock { $0.stopping } }

    /// Instances with a worker running or waiting for a slot.
    var busyCount: Int { state.withLock { $0.entries.count } }

    func isBusy(_ id: String) -> Bool { state.withLock { $0.entries[id] != nil } }
}
