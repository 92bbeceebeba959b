import ClawCore
import ClawServices
import ClawStore
import Logging

/// The owners of due deadlines, given to `DeadlineService` at construction. Each subject has
/// exactly one owner (`DeadlineService.fire`'s exhaustive switch); firing twice is harmless,
/// every owner checks the stored deadline first.
public struct DeadlineHandlers: Sendable {
    /// Expiry, retention and the low-balance check.
    public var instances: InstanceService
    /// Backup schedules and expiries (nil: none armed).
    public var backups: BackupService?
    /// Container-API schedules (nil: none armed).
    public var containerRuns: ContainerRunStore?
    /// Starts an instance's worker (the engine's): boot wakes the instances with backups a dead
    /// daemon left pending.
    public var wake: @Sendable (String) -> Void

    public init(instances: InstanceService, backups: BackupService? = nil, containerRuns: ContainerRunStore? = nil,
                wake: @escaping @Sendable (String) -> Void = { _ in }) {
        self.instances = instances
        self.backups = backups
        self.containerRuns = containerRuns
        self.wake = wake
    }

    /// Every deadline stored in the database, for boot.
    func stored() async throws(ClawError) -> [(DeadlineSubject, Timestamp?)] {
        var all: [(DeadlineSubject, Timestamp?)] = []
        for i in try await instances.store.instancesToConverge() {
            if !i.status.isTerminal {
                if !(i.status == .stopped && i.stopReason == .expired) { all.append((.expiry(instanceID: i.id), i.paidUntil)) }
                if let at = i.deleteAfter { all.append((.retention(instanceID: i.id), at)) }
            }
            if let at = LowBalance.checkAt(i) { all.append((.lowBalance(orgID: i.orgID, instanceID: i.id), at)) }
        }
        all += try await backups?.deadlines().map(Deadlines.subject) ?? []
        all += try await containerRuns?.scheduleDeadlines().map { (.containerSchedule(scheduleID: $0.id), $0.at) } ?? []
        return all
    }
}
