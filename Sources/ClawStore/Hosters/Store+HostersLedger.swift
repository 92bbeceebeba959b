import ClawCore
import GRDB

extension Store {
    /// One page of the org's ledger, newest first, with the integer id of the instance each row
    /// concerns; and the total number of rows.
    public func hostersLedgerPage(orgID: String?, offset: Int, limit: Int) async throws(ClawError) -> (entries: [(LedgerEntry, Int64?)], total: Int) {
        try await read { db in
            var filter = " WHERE 1"
            var args: [any DatabaseValueConvertible] = []
            if let orgID { filter += " AND l.org_id = ?"; args.append(orgID) }
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ledger l" + filter, arguments: StatementArguments(args)) ?? 0
            let rows = try Row.fetchAll(db, sql: """
                SELECT l.*, i.num AS instance_num FROM ledger l LEFT JOIN instances i ON i.id = l.instance_id
                """ + filter + " ORDER BY l.id DESC LIMIT ? OFFSET ?", arguments: StatementArguments(args + [limit, offset]))
            return (rows.map { (Self.ledgerEntry($0), $0["instance_num"] as Int64?) }, total)
        }
    }
}
