import ClawCore
import ClawStore
import Foundation
import GRDB

/// What the instance's worker asks and records while it takes backups and restores them.
extension BackupService {
    /// The oldest pending backup of the instance.
    public func pendingBackup(instanceID: String) async throws(ClawError) -> BackupRecord? {
        try await store.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Store.backupColumns) FROM backups b JOIN instances i ON i.id = b.instance_id "
                             + "WHERE b.instance_id = ? AND b.status = 'pending' ORDER BY b.id LIMIT 1",
                             arguments: [instanceID]).map(Store.backup)
        }
    }

    /// Instances with a pending backup (woken at boot).
    public func instancesWithPendingBackups() async throws(ClawError) -> [String] {
        try await store.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT instance_id FROM backups WHERE status = 'pending'")
        }
    }

    /// A restore the worker has still to carry out: its operation is open and it was not done yet.
    public func openRestore(instanceID: String) async throws(ClawError) -> (operationID: String, backup: BackupRecord)? {
        try await store.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT r.operation_id, r.backup_id FROM backup_restores r JOIN operations o ON o.id = r.operation_id
                WHERE r.instance_id = ? AND r.done_at IS NULL AND o.status IN ('pending', 'running')
                ORDER BY o.created_at LIMIT 1
                """, arguments: [instanceID]),
                let backup = try Store.backup(db, id: row["backup_id"]) else { return nil }
            return (row["operation_id"], backup)
        }
    }

    /// The most recent operation of the instance and whether it is still open: tells a rebuild
    /// (`rebuild`) and a retention purge (`purge`) from other reasons to recreate or remove.
    public func lastOperation(instanceID: String) async throws(ClawError) -> (kind: String, open: Bool)? {
        try await store.read { db in
            try Row.fetchOne(db, sql: "SELECT kind, status FROM operations WHERE instance_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1",
                             arguments: [instanceID]).map { row in
                let status: String = row["status"]
                return (row["kind"], status == "pending" || status == "running")
            }
        }
    }

    /// A pending automatic backup of the instance's current generation, or nil when one of that
    /// kind was already taken (one `pre_rebuild` per generation, one `pre_delete` per instance).
    public func insertAutomatic(_ instance: Instance, kind: BackupKind, now: Timestamp = .now()) async throws(ClawError) -> BackupRecord? {
        let defaults = self.defaults
        let record = try await store.write { db -> BackupRecord? in
            let exists = kind == .preDelete
                ? try Bool.fetchOne(db, sql: "SELECT 1 FROM backups WHERE instance_id = ? AND kind = 'pre_delete'",
                                    arguments: [instance.id]) ?? false
                : try Bool.fetchOne(db, sql: "SELECT 1 FROM backups WHERE instance_id = ? AND kind = ? AND generation = ?",
                                    arguments: [instance.id, kind.rawValue, instance.generation]) ?? false
            if exists { return nil }
            let id = try Self.insertBackup(db, instance, kind: kind, now: now, defaults: defaults)
            return try Store.backup(db, id: id)
        }
        if let record { publish([.expiry(backupID: record.id, at: record.expiresAt)]) }
        return record
    }

    /// The archive is written at `file` (relative to the directory) with this size and checksum.
    public func complete(_ backup: BackupRecord, file: String, sizeBytes: Int64, sha256: String,
                         now: Timestamp = .now()) async throws(ClawError) {
        try await finish(backup, now: now, type: EventType.backupCompleted, data: ["sizeBytes": "\(sizeBytes)"]) { db in
            try db.execute(sql: """
                UPDATE backups SET status = 'completed', file = ?, size_bytes = ?, sha256 = ?, error = NULL, completed_at = ?
                WHERE id = ? AND status = 'pending'
                """, arguments: [file, sizeBytes, sha256, now.millis, backup.id])
        }
    }

    public func fail(_ backup: BackupRecord, error: String, now: Timestamp = .now()) async throws(ClawError) {
        try await finish(backup, now: now, type: EventType.backupFailed, data: ["error": error]) { db in
            try db.execute(sql: "UPDATE backups SET status = 'failed', error = ?, completed_at = ? WHERE id = ? AND status = 'pending'",
                           arguments: [error, now.millis, backup.id])
        }
    }

    private func finish(_ backup: BackupRecord, now: Timestamp, type: String, data: [String: String],
                        _ update: @escaping @Sendable (Database) throws -> Void) async throws(ClawError) {
        let change = try await store.write { db -> CommittedChange? in
            try update(db)
            guard db.changesCount > 0, let instance = try Store.instance(db, id: backup.instanceID, orgID: nil) else { return nil }
            var payload = data
            payload["backupId"] = "\(backup.id)"
            payload["kind"] = backup.kind.rawValue
            let event = try Store.appendEvent(db, orgID: backup.orgID, type: type, instanceID: backup.instanceID,
                                              data: payload, at: now)
            return CommittedChange(instance: instance, effects: [], eventIDs: [event])
        }
        if let change { instances.publish(change) }
        publish([.expiry(backupID: backup.id, at: backup.expiresAt)])
    }

    /// The restore's runtime work is over: it failed (the operation fails now, with `error`) or
    /// it replaced the volume (the operation closes once the instance has converged again).
    public func finishRestore(operationID: String, backup: BackupRecord, error: String?,
                              now: Timestamp = .now()) async throws(ClawError) {
        let change = try await store.write { db -> CommittedChange? in
            try db.execute(sql: "UPDATE backup_restores SET done_at = ? WHERE operation_id = ?", arguments: [now.millis, operationID])
            if let error {
                try db.execute(sql: "UPDATE operations SET status = 'failed', error = ?, updated_at = ? WHERE id = ? AND status IN ('pending', 'running')",
                               arguments: [error, now.millis, operationID])
            }
            guard let instance = try Store.instance(db, id: backup.instanceID, orgID: nil) else { return nil }
            var data = ["backupId": "\(backup.id)", "operationId": operationID]
            if let error { data["error"] = error }
            let event = try Store.appendEvent(db, orgID: backup.orgID, type: error == nil ? EventType.backupRestored : EventType.backupRestoreFailed,
                                              instanceID: backup.instanceID, data: data, at: now)
            return CommittedChange(instance: instance, effects: [], eventIDs: [event])
        }
        if let change { instances.publish(change) }
    }

    public func markRunning(operationID: String, now: Timestamp = .now()) async throws(ClawError) {
        try await store.write { db in
            try db.execute(sql: "UPDATE operations SET status = 'running', updated_at = ? WHERE id = ? AND status = 'pending'",
                           arguments: [now.millis, operationID])
        }
    }
}
