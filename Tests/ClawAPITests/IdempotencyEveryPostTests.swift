@testable import ClawAPI
import ClawCore
import ClawStore
import ClawTestSupport
import Foundation
import Testing

/// `Idempotency-Key` beyond the Claw dialect: ClawHosters, the container API and the admin
/// socket, through the one middleware; money records its answer in the transaction of the effect.
@Suite("Idempotency-Key on every POST of every dialect and the admin socket")
struct IdempotencyEveryPostTests {
    static let key = "Idempotency-Key"

    @Test("a retried ClawHosters stop stops once and answers the same body, operation and Location")
    func hostersActionOnce() async throws {
        let h = try Harness()
        let org = try await h.org()
        let (instance, _) = try await h.service.create(orgID: org.id, subdomain: "idemstop", defaultModel: nil, tier: .balanced,
                                                       imConfig: nil)
        try await h.markRunning(instance.id)
        let n = try #require(try await h.store.instanceNumbers(ids: [instance.id])[instance.id])
        try await h.test { api in
            let first = try await api.call(.post, "/api/v1/instances/\(n)/stop", as: org, headers: [Self.key: "stop-1"])
            let second = try await api.call(.post, "/api/v1/instances/\(n)/stop", as: org, headers: [Self.key: "stop-1"])
            #expect(first.status == 200)
            #expect(second.status == 200 && second.text == first.text)
            #expect(second.header("Idempotent-Replayed") == "true")
            #expect(second.header("Location") == first.header("Location") && first.header("Location") != nil)
            // Without the key the same request is decided afresh: 422, the instance is stopped now.
            #expect(try await api.call(.post, "/api/v1/instances/\(n)/stop", as: org).status == 422)
            let other = try await api.call(.post, "/api/v1/instances/\(n)/start", as: org, headers: [Self.key: "stop-1"])
            #expect(other.status == 422 && other.hostersCode == "unprocessable_entity")
            #expect((other.error["message"] as? String)?.contains("idempotency key reused") == true)
        }
        let ops = try await h.store.operations(instanceID: instance.id).filter { $0.kind == "stop" }
        #expect(ops.count == 1)
    }

    @Test("buy_claws with one key records one purchase; another org's identical key records its own")
    func buyClawsOnce() async throws {
        let h = try Harness()
        let a = try await h.org(), b = try await h.org()
        try await h.test { api in
            let body = #"{"package_id":"small"}"#
            let first = try await api.call(.post, "/api/v1/billing/buy_claws", as: a, json: body, headers: [Self.key: "buy-1"])
            let second = try await api.call(.post, "/api/v1/billing/buy_claws", as: a, json: body, headers: [Self.key: "buy-1"])
            #expect(first.status == 201 && second.status == 201 && second.text == first.text)
            let theirs = try await api.call(.post, "/api/v1/billing/buy_claws", as: b, json: body, headers: [Self.key: "buy-1"])
            #expect(theirs.status == 201 && theirs.header("Idempotent-Replayed") == nil)
            let changed = try await api.call(.post, "/api/v1/billing/buy_claws", as: a, json: #"{"package_id":"large"}"#,
                                             headers: [Self.key: "buy-1"])
            #expect(changed.status == 422)
        }
        await #expect(try h.store.purchases(orgID: a.id, status: nil).count == 1)
        await #expect(try h.store.purchases(orgID: b.id, status: nil).count == 1)
        // Recorded by the transaction that inserted the purchase.
        await #expect(try h.store.idempotentResponse(orgID: a.id, key: "buy-1")?.status == 201)
    }

    @Test("concurrent buy_claws with one key: one purchase, every answer the first's")
    func concurrentBuyClaws() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let replies = try await withThrowingTaskGroup(of: Reply.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await api.call(.post, "/api/v1/billing/buy_claws", as: org, json: #"{"package_id":"small"}"#,
                                           headers: [Self.key: "race"])
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(replies.map(\.text)).count == 1)
            #expect(replies.allSatisfy { $0.status == 201 })
        }
        await #expect(try h.store.purchases(orgID: org.id, status: nil).count == 1)
        #expect(h.env.idempotencyLocks.heldCount == 0)
    }

    @Test("the admin's credit and purchase approval with a key credit once; the retry answers the first reply")
    func adminMoneyOnce() async throws {
        let h = try Harness()
        let org = try await h.org(balanceCents: 0)
        let purchase = try await h.store.requestPurchase(orgID: org.id, package: ClawPackage.defaults[0])
        try await h.test(.adminSocket) { api in
            for _ in 0..<2 {
                let r = try await api.call(.post, "/admin/orgs/\(org.id)/credit", json: #"{"amountCents":500}"#,
                                           headers: [Self.key: "credit-1"])
                #expect(r.status == 200 && r["balanceCents"] as? Int == 500)
            }
            let first = try await api.call(.post, "/admin/purchases/\(purchase.id)/approve", headers: [Self.key: "approve-1"])
            let retry = try await api.call(.post, "/admin/purchases/\(purchase.id)/approve", headers: [Self.key: "approve-1"])
            #expect(first.status == 200 && retry.status == 200 && retry.text == first.text)
            #expect(retry.header("Idempotent-Replayed") == "true")
            // Without a key a second approval is refused as before.
            #expect(try await api.call(.post, "/admin/purchases/\(purchase.id)/approve").status == 409)
        }
        await #expect(try h.balance(org) == 500 + ClawPackage.defaults[0].claws)
        await #expect(try h.store.ledger(orgID: org.id).filter { $0.kind == .credit }.count == 2)
        await #expect(try h.store.idempotentResponse(orgID: "admin", key: "credit-1") != nil)
    }

    @Test("a retried container run queues one run; a malformed key is a 400 in the container shape")
    func containerRunOnce() async throws {
        let (h, runs, _) = try ContainerRunRouteTests.harness()
        let org = try await h.org()
        try await h.test { api in
            #expect(try await api.call(.post, "/api/v1/container/namespaces", as: org, json: #"{"name":"idem"}"#).status == 201)
            let body = #"{"group":"idem","prompt":"hello"}"#
            let first = try await api.call(.post, "/api/v1/container/runs", as: org, json: body, headers: [Self.key: "run-1"])
            let second = try await api.call(.post, "/api/v1/container/runs", as: org, json: body, headers: [Self.key: "run-1"])
            #expect(first.status == 202 && second.text == first.text)
            let bad = try await api.call(.post, "/api/v1/container/runs", as: org, json: body, headers: [Self.key: "bad key"])
            #expect(bad.status == 400)
        }
        await #expect(try runs.runs(orgID: org.id, limit: 10).count == 1)
    }
}

extension IdempotencyEveryPostTests {
    @Test("a retried admin key creation creates one key and never stores or replays its secret")
    func keyCreationOnce() async throws {
        let h = try Harness()
        let org = try await h.org()
        let keysBefore = try await h.store.listKeys(orgID: org.id).count
        try await h.test(.adminSocket) { api in
            let first = try await api.call(.post, "/admin/orgs/\(org.id)/keys", json: #"{"name":"ci"}"#, headers: [Self.key: "key-1"])
            let retry = try await api.call(.post, "/admin/orgs/\(org.id)/keys", json: #"{"name":"ci"}"#, headers: [Self.key: "key-1"])
            #expect(first.status == 201 && first["key"] is String)
            #expect(retry.status == 201 && retry["id"] as? String == first["id"] as? String)
            #expect((retry["key"] == nil || retry["key"] is NSNull) && retry.header("Idempotent-Replayed") == "true")
            let secret = try #require(first["key"] as? String)
            let stored = try #require(try await h.store.idempotentResponse(orgID: "admin", key: "key-1"))
            #expect(!stored.body.contains(secret))
        }
        await #expect(try h.store.listKeys(orgID: org.id).count == keysBefore + 1)
    }
}
