import ClawCore
import ClawStore
import GRDB

extension InstanceService {
    /// Applies `LowBalance.decide` to the org inside the caller's transaction: stores the marker
    /// and, when it says so, appends `billing.low_balance`. Returns the event's id.
    static func checkLowBalance(_ db: Database, orgID: String, now: Timestamp, pricing: Pricing) throws -> Int64? {
        guard let row = try Row.fetchOne(db, sql: "SELECT balance_cents, low_balance_marker_cents FROM orgs WHERE id = ?",
                                         arguments: [orgID]) else { return nil }
        let balance = Cents(row["balance_cents"])
        let marker = (row["low_balance_marker_cents"] as Int64?).map(Cents.init)
        let live = try Row.fetchAll(db, sql: "SELECT * FROM instances WHERE org_id = ? AND status NOT IN ('FAILED', 'DELETED')",
                                    arguments: [orgID]).map(Store.instance)
        let due = LowBalance.due(live, now: now, pricing: pricing)
        let decision = LowBalance.decide(balance: balance, due: due, marker: marker)
        if decision.marker != marker {
            try db.execute(sql: "UPDATE orgs SET low_balance_marker_cents = ? WHERE id = ?",
                           arguments: [decision.marker?.value, orgID])
        }
        guard decision.emit else { return nil }
        let horizon = now.adding(seconds: LowBalance.horizonSeconds)
        let dueCount = live.filter { $0.paidUntil <= horizon }.count
        return try Store.appendEvent(db, orgID: orgID, type: EventType.billingLowBalance, instanceID: nil, data: [
            "balanceCents": "\(balance.value)", "dueCents": "\(due.value)", "instancesDue": "\(dueCount)",
            "horizonSeconds": "\(LowBalance.horizonSeconds)",
        ], at: now)
    }

    /// Re-checks the org's low balance in its own transaction (one of its instances entered the
    /// 7-day horizon, or the daemon booted). True when the event was written.
    @discardableResult
    public func checkLowBalance(orgID: String, now: Timestamp = .now()) async throws(ClawError) -> Bool {
        let pricing = config.policy.pricing
        let change: CommittedChange? = try await store.write { db -> CommittedChange? in
            guard let id = try Self.checkLowBalance(db, orgID: orgID, now: now, pricing: pricing),
                  let newest = try Row.fetchOne(db, sql: "SELECT * FROM instances WHERE org_id = ? ORDER BY num DESC LIMIT 1",
                                                arguments: [orgID]) else { return nil }
            // The change feed is keyed by instance: the org's newest one carries the news (no effects).
            return CommittedChange(instance: Store.instance(newest), effects: [], eventIDs: [id])
        }
        guard let change else { return false }
        publish(change)
        return true
    }
}
