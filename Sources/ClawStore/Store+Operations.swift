import ClawCore
import GRDB

/// One asynchronous action as stored.
public struct OperationRecord: Sendable, Equatable {
    public var id: String
    public var orgID: String
    public var instanceID: String?
    public var kind: String
    public var status: String
    public var error: String?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public var isFinished: Bool { status == "succeeded" || status == "failed" }
}

extension Store {
    static func operation(_ row: Row) -> OperationRecord {
        OperationRecord(id: row["id"], orgID: row["org_id"], instanceID: row["instance_id"], kind: row["kind"],
                        status: row["status"], error: row["error"], createdAt: Timestamp(millis: row["created_at"]),
                        updatedAt: Timestamp(millis: row["updated_at"]))
    }

    /// Inserts a pending operation inside the caller's transaction. An older open operation of
    /// the same instance is superseded (failed with a note): the newest intent is the one that counts.
    public static func insertOperation(_ db: Database, orgID: String, instanceID: String?, kind: String,
                                       now: Timestamp, supersede: Bool) throws -> OperationRecord {
        if supersede, let instanceID {
            try db.execute(sql: """
                UPDATE operations SET status = 'failed', error = 'superseded by a newer ' || ? || ' request', updated_at = ?
                WHERE instance_id = ? AND status IN ('pending', 'running')
                """, arguments: [kind, now.millis, instanceID])
        }
        let op = OperationRecord(id: Identifier.make(prefix: "op_", length: 20), orgID: orgID, instanceID: instanceID,
                                 kind: kind, status: "pending", error: nil, createdAt: now, updatedAt: now)
        try db.execute(sql: """
            INSERT INTO operations(id, org_id, instance_id, kind, status, created_at, updated_at)
            VALUES (?, ?, ?, ?, 'pending', ?, ?)
            """, arguments: [op.id, orgID, instanceID, kind, now.millis, now.millis])
        return op
    }

    /// Finishes every open operation of an instance (inside the caller's transaction).
    public static func finishOperations(_ db: Database, instanceID: String, succeeded: Bool, error: String?,
                                        now: Timestamp) throws {
        try db.execute(sql: """
            UPDATE operations SET status = ?, error = ?, updated_at = ?
            WHERE instance_id = ? AND status IN ('pending', 'running')
            """, arguments: [succeeded ? "succeeded" : "failed", error, now.millis, instanceID])
    }

    /// Marks the open operations of an instance as running.
    public func markOperationsRunning(instanceID: String, now: Timestamp = .now()) async throws(ClawError) {
        try await write { db in
            try db.execute(sql: "UPDATE operations SET status = 'running', updated_at = ? WHERE instance_id = ? AND status = 'pending'",
                           arguments: [now.millis, instanceID])
        }
    }

    /// The operation, when it exists and (unless `orgID` is nil, the admin) belongs to `orgID`.
    public func operation(id: String, orgID: String?) async throws(ClawError) -> OperationRecord? {
        try await read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM operations WHERE id = ?", arguments: [id]) else { return nil }
            let op = Self.operation(row)
            if let orgID, op.orgID != orgID { return nil }
            return op
        }
    }

    /// Instances with an operation still open: the work a restarted daemon resumes.
    public func instancesWithOpenOperations() async throws(ClawError) -> [String] {
        try await read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT instance_id FROM operations WHERE status IN ('pending', 'running') AND instance_id IS NOT NULL")
        }
    }
}
