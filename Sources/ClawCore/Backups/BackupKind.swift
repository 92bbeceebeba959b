/// Why a backup was taken (`kind` in the ClawHosters dialect).
public enum BackupKind: String, Sendable, Codable, CaseIterable {
    /// `POST /api/v1/instances/:id/backups`.
    case manual
    /// The `backup` add-on's cron schedule.
    case scheduled
    /// Automatic, before a rebuild replaces the container.
    case preRebuild = "pre_rebuild"
    /// Automatic, before retention deletes the volume.
    case preDelete = "pre_delete"
}

/// Where a backup is: waiting for the instance's worker, written and checksummed, or failed.
public enum BackupStatus: String, Sendable, Codable, CaseIterable {
    case pending, completed, failed
}

extension EventType {
    public static let backupCompleted = "backup.completed"
    public static let backupFailed = "backup.failed"
    public static let backupRestored = "backup.restored"
    public static let backupRestoreFailed = "backup.restore_failed"
}
