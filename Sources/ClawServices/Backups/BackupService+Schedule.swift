import ClawCore
import ClawStore
import Foundation
import GRDB

/// The `backup` add-on (one per live instance) and the deadlines it drives: the schedule's next
/// run and each backup's expiry. Firing is guarded by the stored deadline, so firing twice
/// (e.g. after a crash) does what firing once does.
extension BackupService {
    static let liveInstance = "i.status NOT IN ('FAILED', 'DELETED')"

    /// One page of the add-ons of one org's live instances (every org's when nil), by id.
    public func addons(orgID: String?, offset: Int, limit: Int) async throws(ClawError) -> (addons: [BackupAddon], total: Int) {
        let defaults = self.defaults
        return try await store.read { db in
            var filter = " WHERE " + Self.liveInstance
            var args: [any DatabaseValueConvertible] = []
            if let orgID { filter += " AND i.org_id = ?"; args.append(orgID) }
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM instances i" + filter, arguments: StatementArguments(args)) ?? 0
            let rows = try Row.fetchAll(db, sql: Store.addonSelect + filter + " ORDER BY i.num LIMIT ? OFFSET ?",
                                        arguments: StatementArguments(args + [limit, offset]))
            return (rows.map { Store.addon($0, defaults: defaults) }, total)
        }
    }

    /// The add-on with integer id `id` (its instance's), when the instance is live and
    /// (unless `orgID` is nil) the org's.
    public func addon(id: Int64, orgID: String?) async throws(ClawError) -> BackupAddon? {
        let defaults = self.defaults
        return try await store.read { db in try Self.addon(db, id: id, orgID: orgID, defaults: defaults) }
    }

    static func addon(_ db: Database, id: Int64, orgID: String?, defaults: BackupDefaults) throws -> BackupAddon? {
        var sql = Store.addonSelect + " WHERE i.num = ? AND " + liveInstance
        var args: [any DatabaseValueConvertible] = [id]
        if let orgID { sql += " AND i.org_id = ?"; args.append(orgID) }
        return try Row.fetchOne(db, sql: sql, arguments: StatementArguments(args)).map { Store.addon($0, defaults: defaults) }
    }

    /// PATCH: changes the given fields; the schedule must parse and retention be 1...3650 days.
    /// Enabled, the next run is the schedule's first minute after `now`.
    public func updateAddon(id: Int64, orgID: String?, enabled: Bool?, schedule: String?, retentionDays: Int?,
                            now: Timestamp = .now()) async throws(ClawError) -> BackupAddon {
        if enabled == true { try checkAvailable() }
        if let schedule { _ = try CronSchedule(schedule) }
        if let retentionDays, !(1...3650).contains(retentionDays) {
            throw ClawError(.invalidArgument, "must be a whole number of days from 1 to 3650", param: "retention_days")
        }
        let defaults = self.defaults
        let addon = try await store.write { db -> BackupAddon in
            guard var addon = try Self.addon(db, id: id, orgID: orgID, defaults: defaults) else {
                throw ClawError(.notFound, "Add-on not found")
            }
            addon.enabled = enabled ?? addon.enabled
            addon.schedule = schedule ?? addon.schedule
            addon.retentionDays = retentionDays ?? addon.retentionDays
            addon.nextRunAt = addon.enabled ? try CronSchedule(addon.schedule).next(after: now) : nil
            addon.updatedAt = now
            try db.execute(sql: """
                INSERT INTO backup_addons(instance_id, enabled, schedule, retention_days, next_run_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(instance_id) DO UPDATE SET enabled = excluded.enabled, schedule = excluded.schedule,
                    retention_days = excluded.retention_days, next_run_at = excluded.next_run_at, updated_at = excluded.updated_at
                """, arguments: [addon.instanceID, addon.enabled, addon.schedule, addon.retentionDays,
                                 addon.nextRunAt?.millis, now.millis])
            return addon
        }
        publish([.schedule(instanceID: addon.instanceID, at: addon.nextRunAt)])
        return addon
    }

    /// Every armed schedule (enabled add-ons of live instances) and every backup's expiry, for boot.
    public func deadlines() async throws(ClawError) -> [BackupDeadline] {
        try await store.read { db in
            let schedules = try Row.fetchAll(db, sql: """
                SELECT a.instance_id, a.next_run_at FROM backup_addons a JOIN instances i ON i.id = a.instance_id
                WHERE a.enabled = 1 AND a.next_run_at IS NOT NULL AND \(Self.liveInstance)
                """).map { BackupDeadline.schedule(instanceID: $0["instance_id"], at: Timestamp(millis: $0["next_run_at"])) }
            let expiries = try Row.fetchAll(db, sql: "SELECT id, expires_at FROM backups")
                .map { BackupDeadline.expiry(backupID: $0["id"], at: Timestamp(millis: $0["expires_at"])) }
            return schedules + expiries
        }
    }

    /// The schedule of `instanceID` came due at `due`: a pending `scheduled` backup (when the
    /// instance has a volume) and the next run. Nothing when the add-on moved on meanwhile.
    /// Returns the instance to wake (when a backup was queued) and the next run to arm.
    public func fireSchedule(instanceID: String, due: Timestamp, now: Timestamp = .now()) async throws(ClawError)
        -> (wake: Instance?, next: Timestamp?, backup: BackupRecord?) {
        let defaults = self.defaults
        let result = try await store.write { db -> (Instance?, Timestamp?, BackupRecord?, Bool) in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM backup_addons WHERE instance_id = ?", arguments: [instanceID]),
                  (row["enabled"] as Bool?) == true, (row["next_run_at"] as Int64?) == due.millis,
                  let instance = try Store.instance(db, id: instanceID, orgID: nil)
            else { return (nil, nil, nil, false) }
            if instance.status.isTerminal {
                try db.execute(sql: "UPDATE backup_addons SET next_run_at = NULL WHERE instance_id = ?", arguments: [instanceID])
                return (nil, nil, nil, true)
            }
            var backup: BackupRecord?
            if instance.status == .running || instance.status == .stopped {
                let id = try Self.insertBackup(db, instance, kind: .scheduled, now: now, defaults: defaults)
                backup = try Store.backup(db, id: id)
            }
            let schedule: String = row["schedule"]
            let next = try CronSchedule(schedule).next(after: max(now, due))
            try db.execute(sql: "UPDATE backup_addons SET next_run_at = ? WHERE instance_id = ?", arguments: [next?.millis, instanceID])
            return (backup == nil ? nil : instance, next, backup, true)
        }
        var deadlines: [BackupDeadline] = []
        if result.3 { deadlines.append(.schedule(instanceID: instanceID, at: result.1)) }
        if let backup = result.2 { deadlines.append(.expiry(backupID: backup.id, at: backup.expiresAt)) }
        publish(deadlines)
        if let instance = result.0 { wake(instance) }
        return (result.0, result.1, result.2)
    }

    /// The backup's expiry came: its archive is deleted, then its row. A backup still pending
    /// is left alone (it gets its expiry once taken). Returns whether something was deleted.
    @discardableResult
    public func expire(backupID: Int64, now: Timestamp = .now()) async throws(ClawError) -> Bool {
        guard let backup = try await backup(id: backupID, orgID: nil), backup.expiresAt <= now, backup.status != .pending else {
            return false
        }
        if let file = backup.file {
            do {
                try FileManager.default.removeItem(atPath: path(file))
            } catch let error as CocoaError where error.code == .fileNoSuchFile {
            } catch {
                throw ClawError(.storage, "cannot delete backup file \(path(file)): \(error)")
            }
        }
        try await store.write { db in try db.execute(sql: "DELETE FROM backups WHERE id = ?", arguments: [backupID]) }
        return true
    }
}
