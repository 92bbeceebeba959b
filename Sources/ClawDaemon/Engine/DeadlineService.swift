import ClawCore
import ClawStore
import Logging
import ServiceLifecycle
import Synchronization

/// The per-instance deadlines (`paidUntil` → expire, `deleteAfter` → retention) in one in-memory
/// queue, loaded from the database at boot and re-armed by the effects of every commit. One loop
/// sleeps until the earliest; past deadlines fire at once in time order. Firing twice is
/// harmless: the report is a no-op when the instance has moved on.
public final class DeadlineService: Service, Sendable {
    let instances: InstanceService
    private let queue = Mutex(DeadlineQueue())
    private let wakeup = Wakeup()
    private let logger = Logger(label: "clawd.deadlines")

    public init(instances: InstanceService) { self.instances = instances }

    /// Arms the deadline of every instance that has one.
    public func load() throws(ClawError) {
        let rows = try instances.store.instancesToConverge()
        queue.withLock { q in
            for i in rows where !i.status.isTerminal {
                if !(i.status == .stopped && i.stopReason == .expired) {
                    q.arm(.init(instanceID: i.id, kind: .expiry), at: i.paidUntil)
                }
                if let at = i.deleteAfter { q.arm(.init(instanceID: i.id, kind: .retention), at: at) }
            }
        }
        wakeup.signal()
    }

    /// The `onCommit` hook: arm and disarm as the committed change asks.
    public func handle(_ change: CommittedChange) {
        var changed = false
        queue.withLock { q in
            for effect in change.effects {
                switch effect {
                case .armDeadline(let kind, let at):
                    q.arm(.init(instanceID: change.instance.id, kind: kind), at: at)
                    changed = true
                case .disarmDeadline(let kind):
                    q.disarm(.init(instanceID: change.instance.id, kind: kind))
                    changed = true
                default:
                    break
                }
            }
        }
        if changed { wakeup.signal() }
    }

    /// Deadlines currently armed (`/admin/status` `timersArmed`).
    public var armedCount: Int { queue.withLock { $0.count } }

    /// The earliest armed deadline (`/admin/status` `nextDeadline`): when, what, which instance.
    public var next: (at: Timestamp, kind: String, instanceID: String)? {
        queue.withLock { q in q.peek().map { ($0.at, "\($0.key.kind)", $0.key.instanceID) } }
    }

    public func run() async {
        await wakeup.runDeadlines(next: { self.queue.withLock { $0.peek()?.at } }, fireDue: { self.fireDue() })
    }

    func fireDue() {
        let due = queue.withLock { $0.popDue(now: .now()) }
        for entry in due {
            let command: LifecycleCommand = entry.key.kind == .expiry ? .expire : .retention
            DeadlineLag.record(kind: entry.key.kind.rawValue, deadline: entry.at)
            do {
                let changed = try instances.report(command, instanceID: entry.key.instanceID)
                logger.info("deadline fired", metadata: [
                    "instance": "\(entry.key.instanceID)", "kind": "\(entry.key.kind.rawValue)",
                    "at": "\(entry.at.iso8601)", "applied": "\(changed != nil)",
                ])
            } catch {
                logger.error("deadline failed", metadata: ["instance": "\(entry.key.instanceID)", "error": "\(error)"])
            }
        }
    }
}
