import ClawCore
import ClawStore
import Logging
import ServiceLifecycle
import Synchronization

/// Container-API schedules on the daemon's deadline loop (`Wakeup.runDeadlines`, as
/// `DeadlineService` and `BackupScheduler`): each active schedule's `nextRun` in one in-memory
/// queue, loaded at boot and re-armed after every commit that moves one. No polling. A slot
/// that passed while clawd was down fires once at boot; an interval then continues on its grid
/// from now (missed slots are not replayed).
public final class ScheduleTimer: Service, Sendable {
    let runs: ContainerRunStore
    private let queue = Mutex(DeadlineQueue())
    private let wakeup = Wakeup()
    private let logger = Logger(label: "clawd.schedules")

    public init(runs: ContainerRunStore) { self.runs = runs }

    static func key(_ id: String) -> DeadlineQueue.Key { .init(instanceID: "container-schedule:" + id, kind: .expiry) }

    public func load() throws(ClawError) {
        queue.withLock { q in
            for (id, at) in (try? runs.scheduleDeadlines()) ?? [] { q.arm(Self.key(id), at: at) }
        }
        wakeup.signal()
    }

    /// The `ContainerRunStore.onChange` hook (schedules only).
    public func handle(_ changes: [ContainerChange]) {
        var changed = false
        queue.withLock { q in
            for change in changes {
                guard case .scheduleArmed(let id, let at) = change else { continue }
                if let at { q.arm(Self.key(id), at: at) } else { q.disarm(Self.key(id)) }
                changed = true
            }
        }
        if changed { wakeup.signal() }
    }

    public var armedCount: Int { queue.withLock { $0.count } }

    public func run() async {
        await wakeup.runDeadlines(next: { self.queue.withLock { $0.peek()?.at } }, fireDue: { self.fireDue() })
    }

    func fireDue(now: Timestamp = .now()) {
        let due = queue.withLock { $0.popDue(now: now) }
        for entry in due {
            let id = String(entry.key.instanceID.dropFirst("container-schedule:".count))
            do {
                let run = try runs.fireSchedule(id: id, due: entry.at, now: now)
                logger.info("schedule fired", metadata: ["schedule": "\(id)", "run": "\(run?.id ?? "-")"])
            } catch {
                logger.error("schedule failed", metadata: ["schedule": "\(id)", "error": "\(error)"])
            }
        }
    }
}
