import ClawCore
import GRDB

/// An instance as the ClawHosters dialect sees it: its stable integer id (the row's
/// `INTEGER PRIMARY KEY`), when it first ran, and whether a delete is still in progress.
public struct HostersInstanceRecord: Sendable {
    /// The integer id of `/api/v1/instances/:id` (`instances.num`); never reused.
    public var number: Int64
    public var instance: Instance
    /// The first time the instance was seen running (its first `instance.running` event).
    public var provisionedAt: Timestamp?
    /// `DELETED` while the operation that removes it is still open: shown as `deleting`.
    public var deleting: Bool
    /// The container's address on its runtime network, while the engine sees it running.
    public var runtimeAddress: String? = nil
}

extension Store {
    /// A `DELETED` row is visible (as `deleting`) only while an operation on it is open.
    static let hostersVisible = """
        (i.status != 'DELETED' OR EXISTS(SELECT 1 FROM operations o
            WHERE o.instance_id = i.id AND o.status IN ('pending', 'running')))
        """

    static let hostersSelect = """
        SELECT i.*, i.num AS hosters_num,
            (SELECT MIN(e.at) FROM events e WHERE e.instance_id = i.id AND e.type = 'instance.running') AS hosters_provisioned_at,
            EXISTS(SELECT 1 FROM operations o WHERE o.instance_id = i.id AND o.status IN ('pending', 'running')) AS hosters_open_op
        FROM instances i
        """

    static func hostersRecord(_ row: Row, _ columns: InstanceColumns) -> HostersInstanceRecord {
        let instance = Self.instance(row, columns)
        let open: Bool = row["hosters_open_op"]
        return HostersInstanceRecord(number: row["hosters_num"], instance: instance,
                                     provisionedAt: (row["hosters_provisioned_at"] as Int64?).map { Timestamp(millis: $0) },
                                     deleting: instance.status == .deleted && open,
                                     runtimeAddress: row["runtime_address"])
    }

    /// The instance with integer id `number`, when it is visible to this dialect and (unless
    /// `orgID` is nil, the admin) belongs to `orgID`. Another org's instance is nil, exactly like
    /// a missing one, and so is a deleted one whose removal has finished.
    public func hostersInstance(number: Int64, orgID: String?) async throws(ClawError) -> HostersInstanceRecord? {
        try await read { db in
            var sql = Self.hostersSelect + " WHERE i.num = ? AND " + Self.hostersVisible
            var args: [any DatabaseValueConvertible] = [number]
            if let orgID { sql += " AND i.org_id = ?"; args.append(orgID) }
            guard let row = try Row.fetchOne(db, sql: sql, arguments: StatementArguments(args)) else { return nil }
            return Self.hostersRecord(row, InstanceColumns(row))
        }
    }

    /// One page of the org's visible instances (all orgs' when `orgID` is nil), by integer id
    /// ascending, and the total count.
    public func hostersInstances(orgID: String?, offset: Int, limit: Int) async throws(ClawError) -> (records: [HostersInstanceRecord], total: Int) {
        try await read { db in
            var filter = " WHERE " + Self.hostersVisible
            var args: [any DatabaseValueConvertible] = []
            if let orgID { filter += " AND i.org_id = ?"; args.append(orgID) }
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM instances i" + filter,
                                         arguments: StatementArguments(args)) ?? 0
            let rows = try Row.fetchAll(db, sql: Self.hostersSelect + filter + " ORDER BY i.num LIMIT ? OFFSET ?",
                                        arguments: StatementArguments(args + [limit, offset]))
            guard let first = rows.first else { return ([], total) }
            let columns = InstanceColumns(first)
            return (rows.map { Self.hostersRecord($0, columns) }, total)
        }
    }

    /// The integer ids of instances by their string ids (for objects that name an instance,
    /// e.g. ledger rows and backups). Unknown ids are left out.
    public func instanceNumbers(ids: some Collection<String>) async throws(ClawError) -> [String: Int64] {
        guard !ids.isEmpty else { return [:] }
        let unique = Array(Set(ids))
        return try await read { db in
            var out: [String: Int64] = [:]
            for chunk in stride(from: 0, to: unique.count, by: 500).map({ unique[$0..<min($0 + 500, unique.count)] }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                for row in try Row.fetchAll(db, sql: "SELECT id, num FROM instances WHERE id IN (\(marks))",
                                            arguments: StatementArguments(Array(chunk))) {
                    out[row["id"]] = row["num"]
                }
            }
            return out
        }
    }

    /// The string id of the instance with integer id `number`, any status, when it belongs to
    /// `orgID` (any org when nil).
    public func instanceID(number: Int64, orgID: String?) async throws(ClawError) -> String? {
        try await read { db in
            var sql = "SELECT id FROM instances WHERE num = ?"
            var args: [any DatabaseValueConvertible] = [number]
            if let orgID { sql += " AND org_id = ?"; args.append(orgID) }
            return try String.fetchOne(db, sql: sql, arguments: StatementArguments(args))
        }
    }
}
