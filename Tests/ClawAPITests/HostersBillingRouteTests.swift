@testable import ClawAPI
import ClawCore
import ClawStore
import Foundation
import Hummingbird
import Testing

@Suite("ClawHosters billing: summary, usage, transactions, packages, buy_claws and admin approval")
struct HostersBillingRouteTests {
    @Test("summary and usage: daily cost per tier rounded up, days remaining, low balance, counts")
    func summaryAndUsage() async throws {
        let h = try Harness()
        let org = try await h.org(balanceCents: 10_000)
        let (pro, _) = try await h.service.create(orgID: org.id, subdomain: "pro1", defaultModel: nil, tier: .pro, imConfig: nil)
        let (bal, _) = try await h.service.create(orgID: org.id, subdomain: "bal1", defaultModel: nil, tier: .balanced, imConfig: nil)
        let (bud, _) = try await h.service.create(orgID: org.id, subdomain: "bud1", defaultModel: nil, tier: .budget, imConfig: nil)
        try await h.markRunning(pro.id)
        try await h.markRunning(bud.id)
        try await h.service.report(.expire, instanceID: bud.id, now: Timestamp.now().adding(seconds: 400 * 86_400))
        _ = bal
        // Balance: 10000 - 3500 - 2000 - 1000 = 3500; billed: pro 117 + balanced 67 = 184 per day.
        try await h.test { api in
            let s = try await api.call(.get, "/api/v1/billing/summary", as: org)
            #expect(s.status == 200)
            #expect(s.data as NSDictionary == [
                "claws_balance": 3500, "daily_claw_cost": 184, "days_remaining": 19, "low_balance": false,
                "subscription_status": "active", "subscription_tier": "pro", "instances_count": 3,
                "running_instances_count": 1,
            ] as NSDictionary)
            let u = try await api.call(.get, "/api/v1/billing/usage", as: org)
            #expect(u.status == 200)
            #expect(Set(u.data.keys) == ["daily_total", "instances", "addons"])
            #expect(u.data["daily_total"] as? Int == 184)
            let items = try #require(u.data["instances"] as? [[String: Any]])
            #expect(items.map { $0["name"] as? String } == ["pro1", "bal1", "bud1"])
            #expect(items.map { $0["daily_claws"] as? Int } == [117, 67, 0])
            #expect(items.map { $0["status"] as? String } == ["running", "provisioning", "paused"])
            for item in items {
                HostersShape.check(item, [("id", .int), ("name", .string), ("tier", .string), ("daily_claws", .int),
                                          ("status", .string), ("billing_mode", .string)])
            }
            #expect((u.data["addons"] as? [Any])?.isEmpty == true)
        }
        // Spend down to under 7 days of cost: low_balance.
        let poor = try await h.org(balanceCents: 2000 + 500)
        _ = try await h.service.create(orgID: poor.id, subdomain: "poor1", defaultModel: nil, tier: .balanced, imConfig: nil)
        let empty = try await h.org(balanceCents: 0)
        try await h.test { api in
            let s = try await api.call(.get, "/api/v1/billing/summary", as: poor)
            #expect(s.data["days_remaining"] as? Int == 7 && s.data["low_balance"] as? Bool == false)
            let e = try await api.call(.get, "/api/v1/billing/summary", as: empty)
            #expect(e.data["days_remaining"] is NSNull && e.data["subscription_tier"] is NSNull)
            #expect(e.data["subscription_status"] as? String == "none" && e.data["low_balance"] as? Bool == false)
        }
        let low = try await h.org(balanceCents: 2000 + 400)
        _ = try await h.service.create(orgID: low.id, subdomain: "low1", defaultModel: nil, tier: .balanced, imConfig: nil)
        try await h.test { api in
            let s = try await api.call(.get, "/api/v1/billing/summary", as: low)
            #expect(s.data["days_remaining"] as? Int == 5 && s.data["low_balance"] as? Bool == true)
        }
    }

    @Test("transactions: the ledger newest first, typed, with integer instance ids, paginated")
    func transactions() async throws {
        let h = try Harness()
        let org = try await h.org(balanceCents: 50_000)
        var created: [String] = []
        for n in 0..<4 {
            created.append(try await h.service.create(orgID: org.id, subdomain: "tx\(n)", defaultModel: nil, tier: .budget, imConfig: nil).0.id)
        }
        let ids = created
        try await h.service.report(.provisioningFailed(final: true), instanceID: ids[3])
        let numbers = try await h.store.instanceNumbers(ids: ids)
        try await h.test { api in
            let all = try await api.call(.get, "/api/v1/billing/transactions?per_page=100", as: org)
            #expect(all.status == 200)
            #expect(all.pagination == ["current_page": 1, "total_pages": 1, "total_count": 6, "per_page": 100])
            let rows = all.dataList
            #expect(rows.map { $0["type"] as? String } == ["refund", "charge", "charge", "charge", "charge", "credit"])
            for row in rows {
                HostersShape.check(row, [("id", .int), ("type", .string), ("amount_cents", .int), ("balance_after_cents", .int),
                                         ("description", .string), ("instance_id", .int), ("created_at", .string)]
                                   .map { $0.0 == "instance_id" && row["instance_id"] is NSNull ? ($0.0, .nullableString) : $0 })
            }
            #expect(rows[0]["instance_id"] as? Int == numbers[ids[3]].map(Int.init))
            #expect(rows[0]["amount_cents"] as? Int == 1000 && rows[0]["balance_after_cents"] as? Int == 47_000)
            #expect(rows[5]["instance_id"] is NSNull && rows[5]["amount_cents"] as? Int == 50_000)
            let p2 = try await api.call(.get, "/api/v1/billing/transactions?page=2&per_page=4", as: org)
            #expect(p2.dataList.count == 2 && p2.pagination["total_pages"] == 2)
            #expect(p2.dataList.last?["type"] as? String == "credit")
            let past = try await api.call(.get, "/api/v1/billing/transactions?page=3&per_page=4", as: org)
            #expect(past.status == 200 && past.dataList.isEmpty)
            #expect(try await api.call(.get, "/api/v1/billing/transactions?page=0", as: org).status == 422)
            let other = try await h.org(balanceCents: 0)
            #expect(try await api.call(.get, "/api/v1/billing/transactions", as: other).pagination["total_count"] == 0)
        }
    }

    @Test("packages from configuration; buy_claws records a pending purchase, the admin approves once over the socket")
    func buyClaws() async throws {
        var h = try Harness()
        h.env.clawPackages = try ClawPackage.parse("mini:250:300,big:12000:9900")
        let org = try await h.org(balanceCents: 100)
        let other = try await h.org(balanceCents: 0)
        try await h.test { api in
            let p = try await api.call(.get, "/api/v1/billing/packages", as: org)
            #expect(p.status == 200)
            #expect((p.json["data"] as? [[String: Any]] ?? []) as NSArray == [
                ["id": "mini", "name": "250 Claws", "claws": 250, "price_cents": 300],
                ["id": "big", "name": "12,000 Claws", "claws": 12000, "price_cents": 9900],
            ] as NSArray)
            for (body, field) in [("{}", "package_id"), (#"{"package_id":"huge"}"#, "package_id"),
                                  (#"{"package_id":7}"#, "package_id"), (#"{"package_id":"mini","x":1}"#, "x")] {
                let bad = try await api.call(.post, "/api/v1/billing/buy_claws", as: org, json: body)
                #expect(bad.status == 422, "\(body)")
                #expect((bad.error["details"] as? [String: String])?[field] != nil, "\(body)")
            }
            let bought = try await api.call(.post, "/api/v1/billing/buy_claws", as: org, json: #"{"package_id":"mini"}"#)
            #expect(bought.status == 201)
            #expect(bought.data["status"] as? String == "pending" && bought.data["claws"] as? Int == 250)
            #expect(bought.data["package_id"] as? String == "mini" && bought.data["price_cents"] as? Int == 300)
            #expect(bought.data["id"] as? Int != nil)
            _ = try await api.call(.post, "/api/v1/billing/buy_claws", as: other, json: #"{"package_id":"big"}"#)
        }
        let id = await Int(try #require(try h.store.purchases(orgID: org.id, status: .pending).first).id)
        await #expect(try h.balance(org) == 100)
        try await h.test(.adminSocket) { api in
            let pending = try await api.call(.get, "/admin/purchases?status=pending")
            #expect((pending["purchases"] as? [[String: Any]])?.count == 2)
            let mine = try await api.call(.get, "/admin/purchases", socketOrg: org.id)
            #expect((mine["purchases"] as? [[String: Any]])?.map { $0["id"] as? Int } == [id])
            #expect(try await api.call(.get, "/admin/purchases?status=bogus").status == 400)
            let ok = try await api.call(.post, "/admin/purchases/\(id)/approve")
            #expect(ok.status == 200 && ok["status"] as? String == "approved" && ok["balanceCents"] as? Int == 350)
            let twice = try await api.call(.post, "/admin/purchases/\(id)/approve")
            #expect(twice.status == 409)
            #expect(try await api.call(.post, "/admin/purchases/\(id)/reject").status == 409)
            #expect(try await api.call(.post, "/admin/purchases/999/approve").status == 404)
            let otherID = try #require(((try await api.call(.get, "/admin/purchases?status=pending"))["purchases"] as? [[String: Any]])?.first?["id"] as? Int)
            let rejected = try await api.call(.post, "/admin/purchases/\(otherID)/reject")
            #expect(rejected.status == 200 && rejected["status"] as? String == "rejected")
        }
        await #expect(try h.balance(org) == 350)
        await #expect(try h.balance(other) == 0)
        let credit = try await #require(try h.store.ledger(orgID: org.id).last)
        #expect(credit.kind == .credit && credit.amount.value == 250 && credit.balanceAfter.value == 350)
        await #expect(try h.store.purchases(orgID: org.id, status: nil).first?.ledgerID == credit.id)
        try await h.test { api in
            // The admin routes do not exist on TCP.
            #expect(try await api.call(.get, "/admin/purchases", as: org).status == 404)
            let tx = try await api.call(.get, "/api/v1/billing/transactions", as: org)
            #expect(tx.dataList.first?["amount_cents"] as? Int == 250 && tx.dataList.first?["type"] as? String == "credit")
        }
    }

    @Test("claw_packages text: parsed strictly")
    func packageParsing() throws {
        #expect(ClawPackage.defaults.map(\.id) == ["small", "medium", "large"])
        #expect(try ClawPackage.parse("") == [])
        #expect(try ClawPackage.parse(" a:1:0 , b_2:5:10") == [.init(id: "a", claws: 1, priceCents: 0), .init(id: "b_2", claws: 5, priceCents: 10)])
        for bad in ["a:1", "a:0:5", "A:1:1", "-a:1:1", "a:1:-1", "a:1:1,a:2:2", "a:x:1", "a:1:1:1"] {
            #expect(throws: ClawError.self, "\(bad)") { try ClawPackage.parse(bad) }
        }
    }
}
