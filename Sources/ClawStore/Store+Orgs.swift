import ClawCore
import GRDB

extension Store {
    static func org(_ row: Row) -> Org {
        Org(id: row["id"], name: row["name"], email: row["email"],
            balance: Cents(row["balance_cents"]), createdAt: Timestamp(millis: row["created_at"]))
    }

    public func createOrg(name: String, email: String?, now: Timestamp = .now()) async throws(ClawError) -> Org {
        let org = Org(id: Identifier.make(prefix: "org_", length: 16), name: name, email: email,
                      balance: .zero, createdAt: now)
        return try await write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM orgs WHERE name = ?", arguments: [name]) == true {
                throw ClawError(.conflict, "an org named '\(name)' already exists", param: "name")
            }
            try db.execute(sql: "INSERT INTO orgs(id, name, email, balance_cents, created_at) VALUES (?, ?, ?, 0, ?)",
                           arguments: [org.id, name, email, now.millis])
            try Self.appendEvent(db, orgID: org.id, type: "org.created", instanceID: nil,
                                 data: ["name": name], at: now)
            return org
        }
    }

    public func org(id: String) async throws(ClawError) -> Org? {
        try await read { db in try Row.fetchOne(db, sql: "SELECT * FROM orgs WHERE id = ?", arguments: [id]).map(Self.org) }
    }

    public func listOrgs() async throws(ClawError) -> [Org] {
        try await read { db in try Row.fetchAll(db, sql: "SELECT * FROM orgs ORDER BY created_at, id").map(Self.org) }
    }

    /// Adds `amount` to the org's balance: one ledger row, the balance and an event, in one transaction.
    /// With `idempotent`, the request's answer is recorded in the same transaction.
    public func credit(orgID: String, amount: Cents, description: String, now: Timestamp = .now(),
                       idempotent: IdempotentWrite<Org>? = nil) async throws(ClawError) -> Org {
        guard amount.value > 0 else {
            throw ClawError(.invalidArgument, "amount must be a positive number of cents", param: "amountCents")
        }
        return try await write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM orgs WHERE id = ?", arguments: [orgID]) else {
                throw ClawError(.notFound, "org \(orgID) not found")
            }
            var org = Self.org(row)
            org.balance = org.balance + amount
            // The balance rose: a later shortfall is worth a new low-balance warning.
            try db.execute(sql: "UPDATE orgs SET balance_cents = ?, low_balance_marker_cents = NULL WHERE id = ?",
                           arguments: [org.balance.value, orgID])
            try db.execute(sql: """
                INSERT INTO ledger(org_id, instance_id, kind, amount_cents, balance_after_cents, description, created_at)
                VALUES (?, NULL, 'credit', ?, ?, ?, ?)
                """, arguments: [orgID, amount.value, org.balance.value, description, now.millis])
            try Self.appendEvent(db, orgID: orgID, type: "billing.credited", instanceID: nil,
                                 data: ["amountCents": "\(amount.value)", "balanceCents": "\(org.balance.value)"], at: now)
            try idempotent?.record(db, org, now: now)
            return org
        }
    }

    public func ledger(orgID: String?) async throws(ClawError) -> [LedgerEntry] {
        try await read { db in
            let rows = try orgID.map {
                try Row.fetchAll(db, sql: "SELECT * FROM ledger WHERE org_id = ? ORDER BY id", arguments: [$0])
            } ?? Row.fetchAll(db, sql: "SELECT * FROM ledger ORDER BY id")
            return rows.map(Self.ledgerEntry)
        }
    }

    /// One page of the ledger, newest first: rows with `id < before` (all when nil), at most
    /// `limit`; one org's, or every org's when `orgID` is nil.
    public func ledgerPage(orgID: String?, before: Int64?, limit: Int) async throws(ClawError) -> [LedgerEntry] {
        try await read { db in
            var sql = "SELECT * FROM ledger WHERE 1"
            var args: [any DatabaseValueConvertible] = []
            if let orgID { sql += " AND org_id = ?"; args.append(orgID) }
            if let before { sql += " AND id < ?"; args.append(before) }
            sql += " ORDER BY id DESC LIMIT ?"
            args.append(limit)
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(Self.ledgerEntry)
        }
    }

    static func ledgerEntry(_ row: Row) -> LedgerEntry {
        LedgerEntry(id: row["id"], orgID: row["org_id"], instanceID: row["instance_id"],
                    kind: LedgerEntry.Kind(rawValue: row["kind"]) ?? .credit,
                    amount: Cents(row["amount_cents"]), balanceAfter: Cents(row["balance_after_cents"]),
                    description: row["description"], idempotencyKey: row["idempotency_key"],
                    createdAt: Timestamp(millis: row["created_at"]))
    }
}
