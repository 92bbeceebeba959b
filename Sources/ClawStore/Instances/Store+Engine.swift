import ClawCore
import GRDB

/// The queries the daemon's engine (workers, deadlines) needs beyond the API's.
extension Store {
    /// How many operations of the instance are still `pending` or `running`.
    public func openOperationCount(instanceID: String) async throws(ClawError) -> Int {
        try await read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM operations WHERE instance_id = ? AND status IN ('pending', 'running')",
                             arguments: [instanceID]) ?? 0
        }
    }

    /// Finishes the instance's open operations only when its row still equals `seen` (the row the
    /// worker converged to) in intent (a disk measurement meanwhile is no new intent). A newer
    /// intent written meanwhile keeps its operation open; false then.
    public func finishOperations(ifUnchanged seen: Instance, succeeded: Bool, error: String?,
                                 now: Timestamp = .now()) async throws(ClawError) -> Bool {
        try await write { db in
            guard let current = try Self.instance(db, id: seen.id, orgID: nil), current.intent == seen.intent else {
                return false
            }
            try Self.finishOperations(db, instanceID: seen.id, succeeded: succeeded, error: error, now: now)
            return true
        }
    }

    /// The history of one instance's events (types in order), for tests and diagnostics.
    public func eventTypes(instanceID: String) async throws(ClawError) -> [String] {
        try await read { db in
            try String.fetchAll(db, sql: "SELECT type FROM events WHERE instance_id = ? ORDER BY id", arguments: [instanceID])
        }
    }

    /// The operations of one instance, oldest first.
    public func operations(instanceID: String) async throws(ClawError) -> [OperationRecord] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM operations WHERE instance_id = ? ORDER BY created_at, rowid",
                             arguments: [instanceID]).map(Self.operation)
        }
    }
}
