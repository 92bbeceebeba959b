import ClawCore
import GRDB

/// A `buy_claws` request: a self-hosted install has no card processor, so the host admin
/// approves it (which credits `claws` cents) or rejects it.
public struct ClawPurchase: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable { case pending, approved, rejected }

    public var id: Int64
    public var orgID: String
    public var packageID: String
    public var claws: Int64
    public var priceCents: Int64
    public var status: Status
    /// The credit row of an approved purchase.
    public var ledgerID: Int64?
    public var createdAt: Timestamp
    public var decidedAt: Timestamp?
}

extension Store {
    static func purchase(_ row: Row) -> ClawPurchase {
        ClawPurchase(id: row["id"], orgID: row["org_id"], packageID: row["package_id"], claws: row["claws"],
                     priceCents: row["price_cents"], status: ClawPurchase.Status(rawValue: row["status"]) ?? .pending,
                     ledgerID: row["ledger_id"], createdAt: Timestamp(millis: row["created_at"]),
                     decidedAt: (row["decided_at"] as Int64?).map { Timestamp(millis: $0) })
    }

    /// Records a pending purchase of `package` for the org, with an event.
    /// With `idempotent`, the request's answer is recorded in the same transaction.
    public func requestPurchase(orgID: String, package: ClawPackage, now: Timestamp = .now(),
                                idempotent: IdempotentWrite<ClawPurchase>? = nil) async throws(ClawError) -> ClawPurchase {
        try await write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM orgs WHERE id = ?", arguments: [orgID]) == true else {
                throw ClawError(.notFound, "org \(orgID) not found")
            }
            try db.execute(sql: """
                INSERT INTO purchases(org_id, package_id, claws, price_cents, status, created_at)
                VALUES (?, ?, ?, ?, 'pending', ?)
                """, arguments: [orgID, package.id, package.claws, package.priceCents, now.millis])
            let id = db.lastInsertedRowID
            try Self.appendEvent(db, orgID: orgID, type: "billing.purchase_requested", instanceID: nil,
                                 data: ["purchaseId": "\(id)", "packageId": package.id, "claws": "\(package.claws)"], at: now)
            let purchase = try Self.purchase(Row.fetchOne(db, sql: "SELECT * FROM purchases WHERE id = ?", arguments: [id])!)
            try idempotent?.record(db, purchase, now: now)
            return purchase
        }
    }

    /// Purchases newest first, filtered by org and/or status.
    public func purchases(orgID: String?, status: ClawPurchase.Status?, limit: Int = 1000) async throws(ClawError) -> [ClawPurchase] {
        try await read { db in
            var sql = "SELECT * FROM purchases WHERE 1"
            var args: [any DatabaseValueConvertible] = []
            if let orgID { sql += " AND org_id = ?"; args.append(orgID) }
            if let status { sql += " AND status = ?"; args.append(status.rawValue) }
            sql += " ORDER BY id DESC LIMIT ?"
            args.append(limit)
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(Self.purchase)
        }
    }

    /// Approves a pending purchase: the credit ledger row, the balance, the purchase and the
    /// events in ONE transaction, so a purchase is credited at most once. Not pending: conflict.
    /// With `idempotent`, the request's answer is recorded in the same transaction.
    public func approvePurchase(id: Int64, now: Timestamp = .now(),
                                idempotent: IdempotentWrite<(ClawPurchase, Org)>? = nil) async throws(ClawError) -> (ClawPurchase, Org) {
        try await write { db in
            let purchase = try Self.pendingPurchase(db, id: id, verb: "approve")
            guard let orgRow = try Row.fetchOne(db, sql: "SELECT * FROM orgs WHERE id = ?", arguments: [purchase.orgID]) else {
                throw ClawError(.notFound, "org \(purchase.orgID) not found")
            }
            var org = Self.org(orgRow)
            org.balance = org.balance + Cents(purchase.claws)
            try db.execute(sql: "UPDATE orgs SET balance_cents = ?, low_balance_marker_cents = NULL WHERE id = ?",
                           arguments: [org.balance.value, org.id])
            try db.execute(sql: """
                INSERT INTO ledger(org_id, instance_id, kind, amount_cents, balance_after_cents, description, created_at)
                VALUES (?, NULL, 'credit', ?, ?, ?, ?)
                """, arguments: [org.id, purchase.claws, org.balance.value,
                                 "purchase #\(purchase.id): \(purchase.claws) Claws (\(purchase.packageID))", now.millis])
            let ledgerID = db.lastInsertedRowID
            try db.execute(sql: "UPDATE purchases SET status = 'approved', ledger_id = ?, decided_at = ? WHERE id = ?",
                           arguments: [ledgerID, now.millis, id])
            try Self.appendEvent(db, orgID: org.id, type: "billing.credited", instanceID: nil,
                                 data: ["amountCents": "\(purchase.claws)", "balanceCents": "\(org.balance.value)",
                                        "purchaseId": "\(id)"], at: now)
            try Self.appendEvent(db, orgID: org.id, type: "billing.purchase_approved", instanceID: nil,
                                 data: ["purchaseId": "\(id)", "claws": "\(purchase.claws)", "ledgerId": "\(ledgerID)"], at: now)
            var done = purchase
            done.status = .approved
            done.ledgerID = ledgerID
            done.decidedAt = now
            try idempotent?.record(db, (done, org), now: now)
            return (done, org)
        }
    }

    /// Rejects a pending purchase; nothing is credited.
    public func rejectPurchase(id: Int64, now: Timestamp = .now()) async throws(ClawError) -> ClawPurchase {
        try await write { db in
            var purchase = try Self.pendingPurchase(db, id: id, verb: "reject")
            try db.execute(sql: "UPDATE purchases SET status = 'rejected', decided_at = ? WHERE id = ?", arguments: [now.millis, id])
            try Self.appendEvent(db, orgID: purchase.orgID, type: "billing.purchase_rejected", instanceID: nil,
                                 data: ["purchaseId": "\(id)"], at: now)
            purchase.status = .rejected
            purchase.decidedAt = now
            return purchase
        }
    }

    static func pendingPurchase(_ db: Database, id: Int64, verb: String) throws -> ClawPurchase {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM purchases WHERE id = ?", arguments: [id]) else {
            throw ClawError(.notFound, "purchase \(id) not found")
        }
        let purchase = Self.purchase(row)
        guard purchase.status == .pending else {
            throw ClawError(.conflict, "cannot \(verb) purchase \(id): it is already \(purchase.status.rawValue)")
        }
        return purchase
    }
}
