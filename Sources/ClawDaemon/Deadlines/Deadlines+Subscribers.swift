import ClawCore
import ClawServices
import ClawStore

/// What each service's commits arm and disarm.
extension Deadlines: CommitSubscriber, BackupDeadlineSubscriber, ContainerChangeSubscriber {
    /// An instance commit: its lifecycle deadlines as the effects ask, and its low-balance moment
    /// (a change may move `paidUntil` or end the instance). Changes without effects (e.g. the
    /// low-balance check's own events) move nothing.
    public func committed(_ change: CommittedChange) {
        guard !change.effects.isEmpty else { return }
        let instance = change.instance
        var changes: [(DeadlineSubject, Timestamp?)] = []
        for effect in change.effects {
            switch effect {
            case .armDeadline(let kind, let at): changes.append((.lifecycle(kind, instanceID: instance.id), at))
            case .disarmDeadline(let kind): changes.append((.lifecycle(kind, instanceID: instance.id), nil))
            default: break
            }
        }
        changes.append((.lowBalance(orgID: instance.orgID, instanceID: instance.id), LowBalance.checkAt(instance)))
        set(changes)
    }

    /// A backup commit: the add-on's next run, or a backup's expiry.
    public func backupDeadlinesMoved(_ deadlines: [BackupDeadline]) {
        set(deadlines.map(Self.subject))
    }

    /// A container-API commit: schedules only (queued runs are the executor's).
    public func containerChanged(_ changes: [ContainerChange]) {
        set(changes.compactMap { change in
            guard case .scheduleArmed(let id, let at) = change else { return nil }
            return (.containerSchedule(scheduleID: id), at)
        })
    }

    static func subject(_ deadline: BackupDeadline) -> (DeadlineSubject, Timestamp?) {
        switch deadline {
        case .schedule(let instanceID, let at): (.backupSchedule(instanceID: instanceID), at)
        case .expiry(let backupID, let at): (.backupExpiry(backupID: backupID), at)
        }
    }
}
