import ClawCore
import GRDB

/// Operations of no instance whose id is the id of the work itself (an image build): started
/// and finished by the code that does the work.
extension Store {
    /// Records the operation, `running` from the start. `orgID` "" is the host admin's.
    public func startOperation(id: String, orgID: String, kind: String, now: Timestamp = .now()) async throws(ClawError) {
        try await write { db in
            try db.execute(sql: """
                INSERT INTO operations(id, org_id, instance_id, kind, status, created_at, updated_at)
                VALUES (?, ?, NULL, ?, 'running', ?, ?)
                """, arguments: [id, orgID, kind, now.millis, now.millis])
        }
    }

    /// Finishes the operation if it is still open.
    public func finishOperation(id: String, succeeded: Bool, error: String?, now: Timestamp = .now()) async throws(ClawError) {
        try await write { db in
            try db.execute(sql: """
                UPDATE operations SET status = ?, error = ?, updated_at = ? WHERE id = ? AND status IN ('pending', 'running')
                """, arguments: [succeeded ? "succeeded" : "failed", succeeded ? nil : error, now.millis, id])
        }
    }

    /// Boot: operations of `kind` a dead daemon left open can never finish; they fail with `error`.
    @discardableResult
    public func failOpenOperations(kind: String, error: String, now: Timestamp = .now()) async throws(ClawError) -> Int {
        try await write { db in
            try db.execute(sql: """
                UPDATE operations SET status = 'failed', error = ?, updated_at = ? WHERE kind = ? AND status IN ('pending', 'running')
                """, arguments: [error, now.millis, kind])
            return db.changesCount
        }
    }
}
