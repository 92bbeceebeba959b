import ClawCore
import GRDB

extension ContainerRunStore {
    /// Appends one audit entry (never a secret: callers pass names and ids only).
    public func audit(_ entry: AuditEntry) async {
        _ = try? await store.write { db in
            try db.execute(sql: """
                INSERT INTO container_audit (at, org_id, actor, action, target, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [entry.at.millis, entry.orgID, entry.actor, entry.action, entry.target, entry.outcome,
                                 entry.detail])
        }
    }

    /// Newest first; `since` is inclusive.
    public func auditLog(orgID: String?, since: Timestamp?, limit: Int) async throws(ClawError) -> [AuditEntry] {
        try await store.read { db in
            var sql = "SELECT * FROM container_audit WHERE 1"
            var args: [any DatabaseValueConvertible] = []
            if let orgID { sql += " AND org_id = ?"; args.append(orgID) }
            if let since { sql += " AND at >= ?"; args.append(since.millis) }
            sql += " ORDER BY id DESC LIMIT ?"
            args.append(limit)
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { r in
                AuditEntry(id: r["id"], at: r.ts("at")!, orgID: r["org_id"], actor: r["actor"], action: r["action"],
                           target: r["target"], outcome: r["outcome"], detail: r["detail"])
            }
        }
    }

    /// Finished runs since `since`, for analytics.
    public func finishedRuns(orgID: String?, since: Timestamp) async throws(ClawError) -> [ContainerRun] {
        try await store.read { db in
            var sql = "SELECT * FROM container_runs WHERE created_at >= ? AND status IN ('succeeded', 'failed', 'timeout')"
            var args: [any DatabaseValueConvertible] = [since.millis]
            if let orgID { sql += " AND org_id = ?"; args.append(orgID) }
            return try Row.fetchAll(db, sql: sql + " ORDER BY seq", arguments: StatementArguments(args)).map(Self.run)
        }
    }

    /// Runs per status now (metrics).
    public func runCounts(orgID: String?) async throws(ClawError) -> [String: Int] {
        try await store.read { db in
            var sql = "SELECT status, COUNT(*) AS n FROM container_runs"
            var args: [any DatabaseValueConvertible] = []
            if let orgID { sql += " WHERE org_id = ?"; args.append(orgID) }
            let rows = try Row.fetchAll(db, sql: sql + " GROUP BY status", arguments: StatementArguments(args))
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["status"] as String, $0["n"] as Int) })
        }
    }
}
