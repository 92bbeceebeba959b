import ClawCore
import Synchronization

/// Every armed deadline of the daemon in one in-memory queue: instance expiry and retention, the
/// low-balance horizon, backup schedules and expiries, container-run schedules. Armed at boot
/// (`DeadlineService.load`) and by the services' subscribers after every commit that moves one
/// (`Deadlines+Subscribers`); fired by the one loop of `DeadlineService`.
public final class Deadlines: Sendable {
    private let queue = Mutex(DeadlineQueue<DeadlineSubject>())
    let wakeup = Wakeup()

    public init() {}

    /// Arms each subject at its time, or disarms it (nil); wakes the loop when anything was given.
    public func set(_ changes: [(DeadlineSubject, Timestamp?)]) {
        guard !changes.isEmpty else { return }
        queue.withLock { q in
            for (subject, at) in changes {
                if let at { q.arm(subject, at: at) } else { q.disarm(subject) }
            }
        }
        wakeup.signal()
    }

    /// The time of `subject`'s armed deadline.
    public func armed(_ subject: DeadlineSubject) -> Timestamp? { queue.withLock { $0.current[subject] } }

    /// Every deadline armed now, of any subject.
    public var count: Int { queue.withLock { $0.count } }

    /// Deadlines armed now whose subject matches.
    public func count(where matches: (DeadlineSubject) -> Bool) -> Int {
        queue.withLock { q in q.current.keys.count(where: matches) }
    }

    /// Instance lifecycle deadlines (expiry, retention) armed now: `/admin/status` `timersArmed`.
    public var lifecycleCount: Int { count { $0.lifecycle != nil } }

    /// The earliest lifecycle deadline (`/admin/status` `nextDeadline`): when, what, which instance.
    public var nextLifecycle: (at: Timestamp, kind: String, instanceID: String)? {
        let earliest = queue.withLock { q in
            q.current.filter { $0.key.lifecycle != nil }.min { ($0.value, $0.key) < ($1.value, $1.key) }
        }
        guard let (subject, at) = earliest, let (kind, id) = subject.lifecycle else { return nil }
        return (at, kind.rawValue, id)
    }

    /// The earliest armed time.
    var nextAt: Timestamp? { queue.withLock { $0.peek()?.at } }

    /// Removes and returns every deadline due at `now`, in time order.
    func popDue(now: Timestamp) -> [DeadlineQueue<DeadlineSubject>.Entry] {
        queue.withLock { $0.popDue(now: now) }
    }
}
