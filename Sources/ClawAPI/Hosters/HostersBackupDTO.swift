import ClawCore
import ClawStore
import ClawWire

extension HostersBackupDTO {
    init(backup: BackupRecord, operationID: String? = nil) {
        self.init(id: backup.id, instanceId: backup.instanceNum, status: backup.status.rawValue, sizeBytes: backup.sizeBytes,
                  createdAt: backup.createdAt.iso8601, expiresAt: backup.expiresAt.iso8601, kind: backup.kind.rawValue,
                  completedAt: backup.completedAt?.iso8601, sha256: backup.sha256, error: backup.error,
                  operationId: operationID)
    }
}

extension HostersAddonDTO {
    init(addon: BackupAddon) {
        self.init(id: addon.id, type: "backup", name: "Scheduled backups", instanceId: addon.id, enabled: addon.enabled,
                  status: addon.enabled ? "active" : "inactive", schedule: addon.schedule,
                  retentionDays: addon.retentionDays, nextRunAt: addon.nextRunAt?.iso8601, dailyClawCost: 0,
                  updatedAt: addon.updatedAt.iso8601)
    }
}
