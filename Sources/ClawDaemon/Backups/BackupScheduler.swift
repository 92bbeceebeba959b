import ClawCore
import ClawStore
import Logging
import ServiceLifecycle
import Synchronization

/// The backup deadlines on the daemon's deadline loop (`Wakeup.runDeadlines`, as
/// `DeadlineService`): each enabled add-on's next scheduled run and each backup's expiry, in one
/// in-memory queue loaded from the database at boot and re-armed after every commit that moves
/// one. No polling: the loop sleeps until the earliest. Past deadlines fire at once at boot.
public final class BackupScheduler: Service, Sendable {
    let service: BackupService
    let wake: @Sendable (String) -> Void
    private let queue = Mutex(DeadlineQueue())
    private let wakeup = Wakeup()
    private let logger = Logger(label: "clawd.backups")

    /// `wake` starts an instance's worker (the engine's), which takes the queued backups.
    public init(service: BackupService, wake: @escaping @Sendable (String) -> Void) {
        self.service = service
        self.wake = wake
    }

    // The queue keys deadlines by (subject, kind); the subject says which kind of deadline it is.
    static func key(_ deadline: BackupDeadline) -> (DeadlineQueue.Key, Timestamp?) {
        switch deadline {
        case .schedule(let instanceID, let at): return (.init(instanceID: "schedule:" + instanceID, kind: .expiry), at)
        case .expiry(let backupID, let at): return (.init(instanceID: "backup:\(backupID)", kind: .retention), at)
        }
    }

    /// Arms every schedule and expiry, and wakes the instances with backups still pending (a
    /// daemon that died before taking them).
    public func load() throws(ClawError) {
        handle(try service.deadlines())
        for id in try service.instancesWithPendingBackups() { wake(id) }
    }

    /// The `BackupService.onDeadlines` hook.
    public func handle(_ deadlines: [BackupDeadline]) {
        queue.withLock { q in
            for deadline in deadlines {
                let (key, at) = Self.key(deadline)
                if let at { q.arm(key, at: at) } else { q.disarm(key) }
            }
        }
        wakeup.signal()
    }

    /// Deadlines armed now (schedules plus expiries).
    public var armedCount: Int { queue.withLock { $0.count } }

    public func run() async {
        await wakeup.runDeadlines(next: { self.queue.withLock { $0.peek()?.at } }, fireDue: { self.fireDue() })
    }

    func fireDue(now: Timestamp = .now()) {
        let due = queue.withLock { $0.popDue(now: now) }
        for entry in due {
            let subject = entry.key.instanceID
            do {
                if subject.hasPrefix("schedule:") {
                    let instanceID = String(subject.dropFirst("schedule:".count))
                    let fired = try service.fireSchedule(instanceID: instanceID, due: entry.at, now: now)
                    logger.info("backup schedule fired", metadata: [
                        "instance": "\(instanceID)", "backup": "\(fired.backup.map { "\($0.id)" } ?? "-")",
                        "next": "\(fired.next?.iso8601 ?? "-")",
                    ])
                } else if let id = Int64(subject.dropFirst("backup:".count)) {
                    if try service.expire(backupID: id, now: now) {
                        logger.info("backup expired", metadata: ["backup": "\(id)"])
                    }
                }
            } catch {
                logger.error("backup deadline failed", metadata: ["subject": "\(subject)", "error": "\(error)"])
            }
        }
    }
}
