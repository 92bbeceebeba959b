import ClawCore
import ClawStore
import Logging
import ServiceLifecycle

/// The daemon's one deadline loop: fires what is due in `deadlines`, sleeps until the earliest
/// armed deadline (or until a commit arms an earlier one), repeats until graceful shutdown. No
/// polling. Past deadlines (downtime) fire at once, in time order, each once.
public final class DeadlineService: Service, Sendable {
    public let deadlines: Deadlines
    let handlers: DeadlineHandlers
    /// The time deadlines are compared with (injected by tests).
    let now: @Sendable () -> Timestamp

    public init(deadlines: Deadlines, handlers: DeadlineHandlers, now: @escaping @Sendable () -> Timestamp = { .now() }) {
        self.deadlines = deadlines
        self.handlers = handlers
        self.now = now
    }

    /// Arms every deadline stored in the database, and wakes the instances with backups still
    /// pending (a daemon that died before taking them).
    public func load() async throws(ClawError) {
        deadlines.set(try await handlers.stored())
        for id in try await handlers.backups?.instancesWithPendingBackups() ?? [] { handlers.wake(id) }
    }

    public func run() async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.fireDue()
                let wait = self.deadlines.nextAt.map { Duration.milliseconds(max(0, $0.millis - self.now().millis)) }
                await self.deadlines.wakeup.sleep(for: wait)
            }
        }
    }

    /// Fires every deadline due at `now` (the clock's when nil), each by its owner.
    func fireDue(now: Timestamp? = nil) async {
        let now = now ?? self.now()
        var lowBalanceOrgs: Set<String> = []
        for entry in deadlines.popDue(now: now) {
            DeadlineLag.record(kind: entry.subject.kind, deadline: entry.at, firedAt: now)
            switch entry.subject {
            case .expiry(let id): await handlers.fireLifecycle(.expire, instanceID: id, at: entry.at, now: now)
            case .retention(let id): await handlers.fireLifecycle(.retention, instanceID: id, at: entry.at, now: now)
            case .lowBalance(let orgID, _): lowBalanceOrgs.insert(orgID)
            case .backupSchedule(let id): await handlers.fireBackupSchedule(instanceID: id, due: entry.at, now: now)
            case .backupExpiry(let id): await handlers.expireBackup(id, now: now)
            case .containerSchedule(let id): await handlers.fireContainerSchedule(id, due: entry.at, now: now)
            }
        }
        await handlers.checkLowBalance(orgIDs: lowBalanceOrgs, now: now)
    }
}
