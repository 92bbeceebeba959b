import ClawCore
import GRDB

/// One backup as stored. `id` is the integer id of the ClawHosters dialect.
public struct BackupRecord: Sendable, Equatable {
    public var id: Int64
    public var instanceID: String
    /// The instance's integer id (`instances.num`).
    public var instanceNum: Int64
    public var orgID: String
    public var kind: BackupKind
    public var status: BackupStatus
    /// The instance generation it was taken at (one `pre_rebuild` backup per generation).
    public var generation: Int
    /// Path of the archive relative to the backup directory, once written.
    public var file: String?
    public var sizeBytes: Int64?
    /// Hex SHA-256 of the archive.
    public var sha256: String?
    public var error: String?
    public var createdAt: Timestamp
    public var completedAt: Timestamp?
    public var expiresAt: Timestamp
}

/// The `backup` add-on of one instance: scheduled backups and how long every backup of the
/// instance is kept. Instances without a stored row have the configured defaults, disabled.
/// Its integer id is the instance's (each instance has exactly one).
public struct BackupAddon: Sendable, Equatable {
    public var id: Int64
    public var instanceID: String
    public var orgID: String
    public var enabled: Bool
    public var schedule: String
    public var retentionDays: Int
    /// When the schedule fires next (nil while disabled).
    public var nextRunAt: Timestamp?
    public var updatedAt: Timestamp
}

/// The defaults of an add-on nobody configured yet.
public struct BackupDefaults: Sendable, Equatable {
    public var schedule: String
    public var retentionDays: Int
    public init(schedule: String = "0 3 * * *", retentionDays: Int = 7) {
        self.schedule = schedule
        self.retentionDays = retentionDays
    }
}

extension Store {
    public static let backupColumns = "b.*, i.num AS instance_num"

    public static func backup(_ row: Row) -> BackupRecord {
        BackupRecord(
            id: row["id"], instanceID: row["instance_id"], instanceNum: row["instance_num"], orgID: row["org_id"],
            kind: BackupKind(rawValue: row["kind"]) ?? .manual, status: BackupStatus(rawValue: row["status"]) ?? .failed,
            generation: row["generation"], file: row["file"], sizeBytes: row["size_bytes"], sha256: row["sha256"],
            error: row["error"], createdAt: Timestamp(millis: row["created_at"]),
            completedAt: (row["completed_at"] as Int64?).map { Timestamp(millis: $0) },
            expiresAt: Timestamp(millis: row["expires_at"]))
    }

    public static func backup(_ db: Database, id: Int64) throws -> BackupRecord? {
        try Row.fetchOne(db, sql: "SELECT \(backupColumns) FROM backups b JOIN instances i ON i.id = b.instance_id WHERE b.id = ?",
                         arguments: [id]).map(backup)
    }

    public static func addon(_ row: Row, defaults: BackupDefaults) -> BackupAddon {
        BackupAddon(
            id: row["num"], instanceID: row["id"], orgID: row["org_id"], enabled: (row["enabled"] as Bool?) ?? false,
            schedule: row["schedule"] ?? defaults.schedule, retentionDays: row["retention_days"] ?? defaults.retentionDays,
            nextRunAt: (row["next_run_at"] as Int64?).map { Timestamp(millis: $0) },
            updatedAt: Timestamp(millis: row["addon_updated_at"] ?? row["created_at"]))
    }

    public static let addonSelect = """
        SELECT i.num, i.id, i.org_id, i.created_at, a.enabled, a.schedule, a.retention_days, a.next_run_at,
               a.updated_at AS addon_updated_at
        FROM instances i LEFT JOIN backup_addons a ON a.instance_id = i.id
        """
}
