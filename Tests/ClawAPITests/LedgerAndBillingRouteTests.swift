@testable import ClawAPI
import ClawCore
import ClawStore
import Foundation
import Testing

@Suite("GET /v1/claw/ledger, renew with a tier, billing.low_balance")
struct LedgerAndBillingRouteTests {
    static func entries(_ r: Reply) -> [[String: Any]] { r["entries"] as? [[String: Any]] ?? [] }

    @Test("the ledger pages newest first with a before cursor; money in dollars and cents")
    func pages() async throws {
        let h = try Harness()
        let org = try await h.org(balanceCents: 1_000_000)
        let other = try await h.org()
        try await h.test { api in
            for n in 0..<6 {
                #expect(try await api.create(org, "page-\(n)").status == 201)
            }
            _ = try await api.create(other, "someone-else")
            let first = try await api.call(.get, "/v1/claw/ledger?limit=4", as: org)
            #expect(first.status == 200, "\(first.text)")
            let rows = Self.entries(first)
            #expect(rows.count == 4 && first["hasMore"] as? Bool == true)
            let ids = rows.compactMap { $0["id"] as? Int }
            #expect(ids == ids.sorted(by: >))
            let top = try #require(rows.first)
            #expect(top["kind"] as? String == "charge")
            #expect(top["amount"] as? Double == 20 && top["amountCents"] as? Int == 2000)
            #expect(top["balanceAfterCents"] as? Int == 1_000_000 - 6 * 2000)
            #expect(top["balanceAfter"] as? Double == Double(1_000_000 - 6 * 2000) / 100)
            #expect(top["instanceId"] is String && top["description"] is String)
            #expect((top["createdAt"] as? String)?.hasSuffix("Z") == true)
            #expect(Set(top.keys).isSuperset(of: ["id", "kind", "amount", "amountCents", "balanceAfter",
                                                  "balanceAfterCents", "instanceId", "description", "createdAt"]))
            let cursor = try #require(first["nextBefore"] as? Int)
            #expect(cursor == ids.last)
            let second = try await api.call(.get, "/v1/claw/ledger?limit=4&before=\(cursor)", as: org)
            let rest = Self.entries(second)
            #expect(rest.count == 3 && second["hasMore"] as? Bool == false && second["nextBefore"] is NSNull)
            #expect(rest.last?["kind"] as? String == "credit" && rest.last?["instanceId"] is NSNull)
            #expect(Set(rest.compactMap { $0["id"] as? Int }).isDisjoint(with: ids))
            #expect(Self.entries(try await api.call(.get, "/v1/claw/ledger", as: org)).count == 7)
        }
    }

    @Test("bad limit or before answers 400 naming the parameter", arguments: [
        ("limit=0", "limit"), ("limit=101", "limit"), ("limit=ten", "limit"), ("before=0", "before"),
        ("before=-3", "before"), ("before=1e3", "before"), ("limit=", "limit"),
    ])
    func badQuery(query: String, param: String) async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let r = try await api.call(.get, "/v1/claw/ledger?\(query)", as: org)
            #expect(r.status == 400)
            #expect(r.error["param"] as? String == param)
        }
    }

    @Test("limit defaults to 50 and allows 100")
    func limits() async throws {
        let h = try Harness()
        let org = try await h.org(balanceCents: 0)
        for n in 1...120 { _ = try await h.store.credit(orgID: org.id, amount: Cents(Int64(n)), description: "c\(n)") }
        try await h.test { api in
            let byDefault = try await api.call(.get, "/v1/claw/ledger", as: org)
            let most = try await api.call(.get, "/v1/claw/ledger?limit=100", as: org)
            #expect(Self.entries(byDefault).count == 50 && Self.entries(most).count == 100)
        }
    }

    @Test("on the socket: X-Clawd-Org shows that org, no header shows every org; TCP needs a key")
    func socket() async throws {
        let h = try Harness()
        let a = try await h.org()
        let b = try await h.org()
        try await h.test(.adminSocket) { api in
            let all = Self.entries(try await api.call(.get, "/v1/claw/ledger"))
            #expect(Set(all.compactMap { $0["orgId"] as? String }) == [a.id, b.id])
            let onlyB = Self.entries(try await api.call(.get, "/v1/claw/ledger", socketOrg: b.id))
            #expect(onlyB.count == 1 && onlyB[0]["orgId"] as? String == b.id)
        }
        try await h.test { api in
            let anonymous = try await api.call(.get, "/v1/claw/ledger")
            #expect(anonymous.status == 401)
        }
    }

    @Test("the Idempotency-Key of a create and a renew lands on their ledger rows")
    func idempotencyKeyOnLedger() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let created = try await api.call(.post, "/v1/claw/instances", as: org, json: #"{"subdomain":"keyed"}"#,
                                             headers: ["Idempotency-Key": "create-1"])
            let id = try #require(created["id"] as? String)
            _ = try await api.call(.post, "/v1/claw/instances/\(id)/renew", as: org, headers: ["Idempotency-Key": "renew-1"])
            _ = try await api.call(.post, "/v1/claw/instances/\(id)/renew", as: org, headers: ["Idempotency-Key": "renew-1"])
            _ = try await api.call(.post, "/v1/claw/instances/\(id)/renew", as: org)
        }
        await #expect(try h.charges(org).map(\.idempotencyKey) == ["create-1", "renew-1", nil])
    }

    @Test("renew with a tier switches it and charges its price; a bad tier or field is 400 and charges nothing")
    func renewTier() async throws {
        let h = try Harness()
        let org = try await h.org(balanceCents: 100_000)
        try await h.test { api in
            let id = try #require(try await api.create(org, "tiered")["id"] as? String)
            try await h.markRunning(id)
            let pro = try await api.call(.post, "/v1/claw/instances/\(id)/renew", as: org, json: #"{"tier":"pro"}"#)
            #expect(pro.status == 200, "\(pro.text)")
            #expect(pro["chargedAmount"] as? Double == 35)
            let shown = try await api.call(.get, "/v1/claw/instances/\(id)", as: org)
            #expect(shown["tier"] as? String == "pro" && shown["totalPaid"] as? Double == 55)
            let same = try await api.call(.post, "/v1/claw/instances/\(id)/renew", as: org, json: #"{"tier":null}"#)
            #expect(same.status == 200 && same["chargedAmount"] as? Double == 35)
            let before = try await h.balance(org)
            for body in [#"{"tier":"huge"}"#, #"{"tier":3}"#, #"{"tier":"pro","months":2}"#] {
                let bad = try await api.call(.post, "/v1/claw/instances/\(id)/renew", as: org, json: body)
                #expect(bad.status == 400, "\(body) → \(bad.text)")
            }
            await #expect(try h.balance(org) == before)
        }
        let i = try await #require(try h.instances(org).first)
        #expect(i.tier == .pro && i.generation == 2)
        await #expect(try h.charges(org).map(\.amount.value) == [2000, 3500, 3500])
    }

    @Test("402 on renew changes nothing: balance, paidUntil, ledger, events")
    func renewShort() async throws {
        let h = try Harness()
        let org = try await h.org(balanceCents: 2000)
        try await h.test { api in
            let id = try #require(try await api.create(org, "broke")["id"] as? String)
            let before = try await h.store.instance(id: id, orgID: nil)
            let ledger = try await h.store.ledger(orgID: org.id)
            let events = try await h.store.events(orgID: org.id, after: 0)
            let r = try await api.call(.post, "/v1/claw/instances/\(id)/renew", as: org, json: #"{"tier":"budget"}"#)
            #expect(r.status == 402 && r.errorType == "insufficient_balance")
            await #expect(try h.store.instance(id: id, orgID: nil) == before)
            await #expect(try h.store.ledger(orgID: org.id) == ledger)
            await #expect(try h.store.events(orgID: org.id, after: 0) == events)
            await #expect(try h.balance(org) == 0)
        }
    }

    @Test("billing.low_balance is written with the charge that made it so, once, and again after a credit")
    func lowBalance() async throws {
        // A 3-day period: every renewal is due within the 7-day horizon.
        let h = try Harness(policy: .init(periodSeconds: 3 * 86_400))
        let org = try await h.org(balanceCents: 5000)
        @Sendable func lows() async throws -> [StoredEvent] {
            try await h.store.events(orgID: org.id, after: 0).filter { $0.type == EventType.billingLowBalance }
        }
        try await h.test { api in
            let id = try #require(try await api.create(org, "lowbal")["id"] as? String)
            await #expect(try lows().isEmpty)  // 3000 left, 2000 due
            _ = try await api.call(.post, "/v1/claw/instances/\(id)/renew", as: org)
            let first = try await lows()
            #expect(first.count == 1)  // 1000 left, 2000 due
            let charge = try await #require(try h.store.events(orgID: org.id, after: 0).last { $0.type == EventType.billingCharged })
            #expect(first[0].at == charge.at && first[0].instanceID == nil)
            #expect(first[0].dataJSON.contains("\"balanceCents\":\"1000\"") && first[0].dataJSON.contains("\"dueCents\":\"2000\""))
            // Still low on the next charge attempt (402) and on a deadline: not again.
            #expect(try await api.call(.post, "/v1/claw/instances/\(id)/renew", as: org).status == 402)
            try await h.service.checkLowBalance(orgID: org.id)
            await #expect(try lows().count == 1)
            // A credit that still leaves it short: the next check warns again.
            _ = try await h.store.credit(orgID: org.id, amount: Cents(500), description: "top-up")
            await #expect(try h.service.checkLowBalance(orgID: org.id))
            await #expect(try lows().count == 2)
            _ = try await h.store.credit(orgID: org.id, amount: Cents(10_000), description: "top-up")
            await #expect(try h.service.checkLowBalance(orgID: org.id) == false)
        }
    }
}
