import ClawCore
import ClawStore

/// The Backup object (api-hosters.md): `id`, `instance_id`, `status`, `size_bytes`, `created_at`,
/// `expires_at`, `kind`, plus `completed_at`, `sha256` and `error`. Nullable fields are `null`.
/// A restore answer adds `operation_id`.
struct HostersBackupDTO: Encodable {
    var backup: BackupRecord
    var operationID: String?

    enum Key: String, CodingKey {
        case id, instanceID = "instance_id", status, sizeBytes = "size_bytes", createdAt = "created_at"
        case expiresAt = "expires_at", kind, completedAt = "completed_at", sha256, error, operationID = "operation_id"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(backup.id, forKey: .id)
        try c.encode(backup.instanceNum, forKey: .instanceID)
        try c.encode(backup.status.rawValue, forKey: .status)
        try c.encode(backup.sizeBytes, forKey: .sizeBytes)
        try c.encode(backup.createdAt.iso8601, forKey: .createdAt)
        try c.encode(backup.expiresAt.iso8601, forKey: .expiresAt)
        try c.encode(backup.kind.rawValue, forKey: .kind)
        try c.encode(backup.completedAt?.iso8601, forKey: .completedAt)
        try c.encode(backup.sha256, forKey: .sha256)
        try c.encode(backup.error, forKey: .error)
        if let operationID { try c.encode(operationID, forKey: .operationID) }
    }
}

/// The `backup` add-on of one instance: `id` (the instance's integer id: one add-on each),
/// `type`, `name`, `instance_id`, `enabled`, `status` (`active`/`inactive`), `schedule` (cron,
/// UTC), `retention_days`, `next_run_at`, `daily_claw_cost` (0: included), `updated_at`.
struct HostersAddonDTO: Encodable {
    var addon: BackupAddon

    enum Key: String, CodingKey {
        case id, type, name, instanceID = "instance_id", enabled, status, schedule, retentionDays = "retention_days"
        case nextRunAt = "next_run_at", dailyClawCost = "daily_claw_cost", updatedAt = "updated_at"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(addon.id, forKey: .id)
        try c.encode("backup", forKey: .type)
        try c.encode("Scheduled backups", forKey: .name)
        try c.encode(addon.id, forKey: .instanceID)
        try c.encode(addon.enabled, forKey: .enabled)
        try c.encode(addon.enabled ? "active" : "inactive", forKey: .status)
        try c.encode(addon.schedule, forKey: .schedule)
        try c.encode(addon.retentionDays, forKey: .retentionDays)
        try c.encode(addon.nextRunAt?.iso8601, forKey: .nextRunAt)
        try c.encode(0, forKey: .dailyClawCost)
        try c.encode(addon.updatedAt.iso8601, forKey: .updatedAt)
    }
}
