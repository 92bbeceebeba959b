import ClawCore
import ClawStore
import Foundation
import GRDB

/// Backups as intent: a request writes a `pending` row (or a restore operation) and wakes the
/// instance's worker, which alone touches the runtime (`InstanceWorker+Backups` in the daemon).
/// Archives live in `directory` as `<instanceID>/<backupID>.tar`, mode 0600.
public final class BackupService: Sendable {
    public let store: Store
    public let instances: InstanceService
    public let directory: String
    public let defaults: BackupDefaults
    /// Told of every commit that moves a backup deadline, after it committed.
    let subscribers: [any BackupDeadlineSubscriber]
    /// Why backups cannot be taken here (instances on a backend without volume archives); nil:
    /// they can. Requests for one are refused with it, changing nothing.
    public let unavailable: String?

    public init(instances: InstanceService, directory: String, defaults: BackupDefaults = .init(),
                subscribers: [any BackupDeadlineSubscriber], unavailable: String? = nil) {
        self.store = instances.store
        self.instances = instances
        self.directory = directory
        self.defaults = defaults
        self.subscribers = subscribers
        self.unavailable = unavailable
    }

    /// Refuses a backup request where backups cannot be taken.
    func checkAvailable() throws(ClawError) {
        if let unavailable { throw ClawError(.conflict, unavailable) }
    }

    func publish(_ deadlines: [BackupDeadline]) {
        guard !deadlines.isEmpty else { return }
        for subscriber in subscribers { subscriber.backupDeadlinesMoved(deadlines) }
    }

    /// After commit: wake the instance's worker and stream the events written with the change.
    func wake(_ instance: Instance, eventIDs: [Int64] = []) {
        instances.publish(CommittedChange(instance: instance, effects: [.wakeWorker], eventIDs: eventIDs))
    }

    /// The absolute path of a backup's archive.
    public func path(_ file: String) -> String { directory + "/" + file }

    // MARK: reading

    /// One page of backups, newest first: one org's (every org's when nil), optionally one instance's.
    public func list(orgID: String?, instanceID: String? = nil, offset: Int, limit: Int) async throws(ClawError)
        -> (backups: [BackupRecord], total: Int) {
        try await store.read { db in
            var filter = " WHERE 1"
            var args: [any DatabaseValueConvertible] = []
            if let orgID { filter += " AND b.org_id = ?"; args.append(orgID) }
            if let instanceID { filter += " AND b.instance_id = ?"; args.append(instanceID) }
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM backups b" + filter, arguments: StatementArguments(args)) ?? 0
            let rows = try Row.fetchAll(db, sql: "SELECT \(Store.backupColumns) FROM backups b JOIN instances i ON i.id = b.instance_id"
                                        + filter + " ORDER BY b.id DESC LIMIT ? OFFSET ?",
                                        arguments: StatementArguments(args + [limit, offset]))
            return (rows.map(Store.backup), total)
        }
    }

    /// The backup, when it exists and (unless `orgID` is nil) belongs to `orgID`.
    public func backup(id: Int64, orgID: String?) async throws(ClawError) -> BackupRecord? {
        try await store.read { db in
            guard let b = try Store.backup(db, id: id), orgID == nil || b.orgID == orgID else { return nil }
            return b
        }
    }

    // MARK: requests

    /// `POST /api/v1/instances/:id/backups`: a pending manual backup the worker takes next.
    /// Only an instance with a volume (running or stopped) can be backed up.
    public func requestBackup(instanceID: String, orgID: String?, now: Timestamp = .now()) async throws(ClawError) -> BackupRecord {
        try checkAvailable()
        let defaults = self.defaults
        let (instance, record) = try await store.write { db -> (Instance, BackupRecord) in
            guard let instance = try Store.instance(db, id: instanceID, orgID: orgID) else {
                throw ClawError(.notFound, "Instance not found")
            }
            guard instance.status == .running || instance.status == .stopped else {
                throw ClawError(.conflict, "cannot back up an instance that is \(instance.status.rawValue.lowercased()): "
                                + "it has no volume to back up")
            }
            let id = try Self.insertBackup(db, instance, kind: .manual, now: now, defaults: defaults)
            return (instance, try Store.backup(db, id: id)!)
        }
        publish([.expiry(backupID: record.id, at: record.expiresAt)])
        wake(instance)
        return record
    }

    /// A pending backup row (inside the caller's transaction); expires after the add-on's retention.
    static func insertBackup(_ db: Database, _ instance: Instance, kind: BackupKind, now: Timestamp,
                             defaults: BackupDefaults) throws -> Int64 {
        let days = try Int.fetchOne(db, sql: "SELECT retention_days FROM backup_addons WHERE instance_id = ?",
                                    arguments: [instance.id]) ?? defaults.retentionDays
        try db.execute(sql: """
            INSERT INTO backups(instance_id, org_id, kind, status, generation, created_at, expires_at)
            VALUES (?, ?, ?, 'pending', ?, ?, ?)
            """, arguments: [instance.id, instance.orgID, kind.rawValue, instance.generation, now.millis,
                             now.adding(seconds: Int64(days) * 86_400).millis])
        return db.lastInsertedRowID
    }

    /// `POST /api/v1/backups/:id/restore`: a `restore` operation the worker carries out (verify
    /// the checksum, stop, replace the volume, start again if it ran). A backup that is not
    /// completed, whose file is gone or has another size, or whose instance has no volume now,
    /// is refused here with nothing changed.
    public func requestRestore(backupID: Int64, orgID: String?, now: Timestamp = .now()) async throws(ClawError)
        -> (BackupRecord, OperationRecord) {
        try checkAvailable()
        // The archive is checked before the transaction (no file I/O while holding the write
        // lock); inside it, the row must still be the completed backup that was checked.
        guard let checked = try await backup(id: backupID, orgID: orgID) else { throw ClawError(.notFound, "Backup not found") }
        try Self.checkRestorable(checked)
        try BackupFiles.checkPresent(path(checked.file ?? ""), size: checked.sizeBytes ?? -1, backupID: backupID)
        let (instance, backup, op) = try await store.write { db -> (Instance, BackupRecord, OperationRecord) in
            guard let backup = try Store.backup(db, id: backupID), orgID == nil || backup.orgID == orgID else {
                throw ClawError(.notFound, "Backup not found")
            }
            try Self.checkRestorable(backup)
            guard backup.file == checked.file, backup.sizeBytes == checked.sizeBytes else {
                throw ClawError(.conflict, "backup \(backupID) changed while the restore was requested; try again")
            }
            guard let instance = try Store.instance(db, id: backup.instanceID, orgID: nil) else {
                throw ClawError(.notFound, "Instance not found")
            }
            guard instance.status == .running || instance.status == .stopped else {
                throw ClawError(.conflict, "cannot restore into an instance that is \(instance.status.rawValue.lowercased())")
            }
            let op = try Store.insertOperation(db, orgID: instance.orgID, instanceID: instance.id, kind: "restore",
                                               now: now, supersede: false)
            try db.execute(sql: "INSERT INTO backup_restores(operation_id, backup_id, instance_id) VALUES (?, ?, ?)",
                           arguments: [op.id, backupID, instance.id])
            // A changed row makes a worker that is converging right now look again before it
            // closes the instance's open operations (this one included).
            try db.execute(sql: "UPDATE instances SET updated_at = ? WHERE id = ?",
                           arguments: [max(now.millis, instance.updatedAt.millis + 1), instance.id])
            return (instance, backup, op)
        }
        wake(instance)
        return (backup, op)
    }

    static func checkRestorable(_ backup: BackupRecord) throws(ClawError) {
        guard backup.status == .completed, backup.file != nil else {
            throw ClawError(.conflict, "backup \(backup.id) is \(backup.status.rawValue), only a completed backup can be restored")
        }
    }
}
