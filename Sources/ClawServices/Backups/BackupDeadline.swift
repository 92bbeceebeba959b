import ClawCore

/// A deadline the daemon must (re)arm after a commit: the add-on's next run, or a backup's
/// expiry (nil: disarm).
public enum BackupDeadline: Sendable, Equatable {
    case schedule(instanceID: String, at: Timestamp?)
    case expiry(backupID: Int64, at: Timestamp?)
}

/// Hears of backup deadlines that moved, after the commit that moved them (given to
/// `BackupService` at construction). Called on the committing task: must not block.
public protocol BackupDeadlineSubscriber: Sendable {
    func backupDeadlinesMoved(_ deadlines: [BackupDeadline])
}
