import ClawCore
import ClawStore
import Foundation
import GRDB

extension InstanceService {
    /// Money and events of an outcome, inside the caller's transaction. A charge the balance
    /// cannot cover aborts the whole transaction with 402: nothing is created or changed.
    /// A charge or refund re-checks the org's low balance in the same transaction.
    static func applyEffects(_ db: Database, _ outcome: LifecycleOutcome, now: Timestamp, pricing: Pricing,
                             idempotencyKey: String? = nil) throws -> CommittedChange {
        let i = outcome.instance
        var eventIDs: [Int64] = []
        for effect in outcome.effects {
            switch effect {
            case .charge(let amount):
                let balance = try Int64.fetchOne(db, sql: "SELECT balance_cents FROM orgs WHERE id = ?", arguments: [i.orgID]) ?? 0
                guard balance >= amount.value else {
                    throw ClawError(.insufficientBalance, "balance \(Cents(balance)) is below the price \(amount) of one period")
                }
                try db.execute(sql: "UPDATE orgs SET balance_cents = balance_cents - ? WHERE id = ?", arguments: [amount.value, i.orgID])
                try db.execute(sql: """
                    INSERT INTO ledger(org_id, instance_id, kind, amount_cents, balance_after_cents, description,
                                       idempotency_key, created_at)
                    VALUES (?, ?, 'charge', ?, ?, ?, ?, ?)
                    """, arguments: [i.orgID, i.id, amount.value, balance - amount.value,
                                     "period for \(i.subdomain) (\(i.tier.rawValue)) until \(i.paidUntil.iso8601)",
                                     idempotencyKey, now.millis])
                let chargeID = db.lastInsertedRowID
                try db.execute(sql: "UPDATE instances SET charge_id = COALESCE(charge_id, ?) WHERE id = ?", arguments: [chargeID, i.id])
            case .refund(let amount):
                // One refund per instance: the unique (kind, charge_id) index makes a second one impossible.
                let chargeID = try Int64.fetchOne(db, sql: "SELECT charge_id FROM instances WHERE id = ?", arguments: [i.id])
                let balance = try Int64.fetchOne(db, sql: "SELECT balance_cents FROM orgs WHERE id = ?", arguments: [i.orgID]) ?? 0
                try db.execute(sql: "UPDATE orgs SET balance_cents = balance_cents + ? WHERE id = ?", arguments: [amount.value, i.orgID])
                try db.execute(sql: """
                    INSERT INTO ledger(org_id, instance_id, kind, amount_cents, balance_after_cents, description, charge_id,
                                       idempotency_key, created_at)
                    VALUES (?, ?, 'refund', ?, ?, ?, ?, ?, ?)
                    """, arguments: [i.orgID, i.id, amount.value, balance + amount.value,
                                     "refund: provisioning of \(i.subdomain) failed", chargeID, idempotencyKey, now.millis])
            case .event(let type):
                var data = ["status": i.status.rawValue, "subdomain": i.subdomain, "generation": "\(i.generation)",
                            "tier": i.tier.rawValue]
                if let reason = i.stopReason { data["stopReason"] = reason.rawValue }
                if type == EventType.instanceDiskOverLimit, let bytes = i.diskBytes { data["diskBytes"] = "\(bytes)" }
                for case .charge(let amount) in outcome.effects where type == EventType.billingCharged {
                    data["amountCents"] = "\(amount.value)"
                }
                for case .refund(let amount) in outcome.effects where type == EventType.billingRefunded {
                    data["amountCents"] = "\(amount.value)"
                }
                eventIDs.append(try Store.appendEvent(db, orgID: i.orgID, type: type, instanceID: i.id, data: data, at: now))
            case .wakeWorker, .armDeadline, .disarmDeadline:
                break
            }
        }
        let movesMoney = outcome.effects.contains { effect in
            if case .charge = effect { return true }
            if case .refund = effect { return true }
            return false
        }
        if movesMoney, let id = try checkLowBalance(db, orgID: i.orgID, now: now, pricing: pricing) {
            eventIDs.append(id)
        }
        return CommittedChange(instance: i, effects: outcome.effects, eventIDs: eventIDs)
    }

    /// A pool port that no live instance holds and nothing on the host is bound to right now
    /// (nil: none). Probed outside any transaction: `bind()` must not hold the write lock.
    func freePort(skipping skipped: Set<Int>) async throws(ClawError) -> Int? {
        let used = try await store.read { db in try Set(Int.fetchAll(db, sql: Self.heldPortsSQL)) }
        return config.portRange.first { !used.contains($0) && !skipped.contains($0) && PortProbe.isFree($0) }
    }

    static let heldPortsSQL = "SELECT host_port FROM instances WHERE host_port IS NOT NULL AND status NOT IN ('FAILED', 'DELETED')"

    /// Whether a live instance holds `port` (inside the creating transaction).
    static func portHeld(_ db: Database, _ port: Int) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM instances WHERE host_port = ? AND status NOT IN ('FAILED', 'DELETED')",
                          arguments: [port]) == true
    }

    static func noFreePort(_ range: ClosedRange<Int>) -> ClawError {
        ClawError(.unavailable, "no free host port left in \(range.lowerBound)-\(range.upperBound)")
    }
}

/// Whether a TCP port on 127.0.0.1 can be bound right now.
enum PortProbe {
    static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = UInt16(port).bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
