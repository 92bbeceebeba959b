import ClawCore
import ClawStore
import Foundation
import Hummingbird
import Testing

@Suite("Claw dialect: instances")
struct ClawInstanceRouteTests {
    @Test("create answers 201 with the LemonData fields, charges the ledger and lowers the balance")
    func create() async throws {
        let h = try Harness()
        let org = try await h.org(balanceCents: 5000)
        try await h.test { api in
            let r = try await api.create(org, "mybot", extra: ",\"defaultModel\":\"claude-opus-4-6\"")
            #expect(r.status == 201)
            #expect(r["status"] as? String == "PENDING")
            #expect(r["subdomain"] as? String == "mybot")
            #expect(r["charged"] as? Bool == true)
            #expect(r["chargedAmount"] as? Double == 20)
            let id = try #require(r["id"] as? String)
            let op = try #require(r["operationId"] as? String)
            #expect(r.header("Location") == "/v1/operations/\(op)")
            let instance = try await #require(try h.store.instance(id: id, orgID: org.id))
            #expect(r["url"] as? String == "http://127.0.0.1:\(instance.hostPort!)")
            #expect(r["paidUntil"] as? String == instance.paidUntil.iso8601)
            #expect((r["paidUntil"] as? String)?.hasSuffix(".000Z") == true || (r["paidUntil"] as? String)?.hasSuffix("Z") == true)
        }
        await #expect(try h.balance(org) == 3000)
        let charges = try await h.charges(org)
        #expect(charges.count == 1)
        #expect(charges.first?.amount == Cents(2000))
    }

    @Test("the instance object has every field of the spec table, money in dollars and ISO times with milliseconds")
    func instanceShape() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let id = try #require(try await api.create(org, "shape-bot", extra: ",\"tier\":\"pro\"")["id"] as? String)
            let r = try await api.call(.get, "/v1/claw/instances/\(id)", as: org)
            #expect(r.status == 200)
            for field in ["id", "subdomain", "url", "defaultModel", "hasIMConfig", "status", "paidUntil", "canRebuild",
                          "totalPaid", "createdAt", "stopReason", "deleteAfter", "healthStatus", "tier", "rebuildsLeftToday"] {
                #expect(r.json.keys.contains(field), "missing \(field)")
            }
            #expect(r["defaultModel"] is NSNull)
            #expect(r["totalPaid"] as? Double == 35)
            #expect(r["tier"] as? String == "pro")
            #expect(r["canRebuild"] as? Bool == false)
            #expect(r["rebuildsLeftToday"] as? Int == 10)
            #expect(r["hasIMConfig"] as? Bool == false)
            let created = try #require(r["createdAt"] as? String)
            #expect(created.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
        }
    }

    @Test("402 when the balance is below the price, and nothing is created or charged")
    func insufficientBalance() async throws {
        let h = try Harness()
        let org = try await h.org(balanceCents: 1999)
        try await h.test { api in
            let r = try await api.create(org, "poorbot")
            #expect(r.status == 402)
            #expect(r.errorType == "insufficient_balance")
        }
        await #expect(try h.instances(org).isEmpty)
        await #expect(try h.charges(org).isEmpty)
        await #expect(try h.balance(org) == 1999)
    }

    @Test("409 when the subdomain is taken by a live instance, free again after delete")
    func subdomainTaken() async throws {
        let h = try Harness()
        let org = try await h.org()
        let other = try await h.org()
        try await h.test { api in
            let id = try #require(try await api.create(org, "taken")["id"] as? String)
            let r = try await api.create(other, "taken")
            #expect(r.status == 409)
            #expect(r.errorType == "conflict")
            #expect(r.error["param"] as? String == "subdomain")
            try await api.call(.delete, "/v1/claw/instances/\(id)", as: org)
            #expect(try await api.create(other, "taken").status == 201)
        }
        await #expect(try h.charges(other).count == 1)
    }

    @Test("list answers the org's instances newest first, DELETED ones included, never another org's")
    func listNewestFirst() async throws {
        let h = try Harness()
        let org = try await h.org()
        let other = try await h.org()
        try await h.test { api in
            for name in ["first", "second", "third"] { _ = try await api.create(org, name) }
            _ = try await api.create(other, "foreign")
            let third = try await h.instances(org).first { $0.subdomain == "third" }!
            try await api.call(.delete, "/v1/claw/instances/\(third.id)", as: org)
            let r = try await api.call(.get, "/v1/claw/instances", as: org)
            #expect(r.status == 200)
            let list = try #require(r["instances"] as? [[String: Any]])
            #expect(list.map { $0["subdomain"] as? String } == ["third", "second", "first"])
            #expect(list.first?["status"] as? String == "DELETED")
        }
    }

    @Test("another org's instance is a 404 for get, patch, rebuild, renew, start, stop, delete and wait")
    func otherOrgIsNotFound() async throws {
        let h = try Harness()
        let owner = try await h.org()
        let stranger = try await h.org()
        try await h.test { api in
            let id = try #require(try await api.create(owner, "private")["id"] as? String)
            try await h.markRunning(id)
            let base = "/v1/claw/instances/\(id)"
            let patchBody: String? = #"{"defaultModel":"x"}"#
            var calls: [(HTTPRequest.Method, String, String?)] = []
            calls.append((.get, base, nil))
            calls.append((.patch, base, patchBody))
            for verb in ["rebuild", "renew", "stop", "restart"] { calls.append((.post, base + "/" + verb, nil)) }
            calls.append((.delete, base, nil))
            calls.append((.get, base + "/wait?status=RUNNING&timeout=0", nil))
            for (method, path, body) in calls {
                let r = try await api.call(method, path, as: stranger, json: body)
                #expect(r.status == 404, "\(method) \(path)")
                #expect(r.errorType == "not_found")
            }
            #expect(try await api.call(.get, "/v1/claw/instances/nope", as: owner).status == 404)
        }
        let instance = try await #require(try h.store.instance(id: try h.instances(owner)[0].id, orgID: nil))
        #expect(instance.status == .running)
        await #expect(try h.charges(stranger).isEmpty)
        await #expect(try h.charges(owner).count == 1)
    }

    @Test("PATCH stores defaultModel and imConfig: hasIMConfig true, the config itself never returned; null removes")
    func patch() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let id = try #require(try await api.create(org, "patchme")["id"] as? String)
            let r = try await api.call(.patch, "/v1/claw/instances/\(id)", as: org,
                                       json: #"{"defaultModel":"gpt-5.2","imConfig":{"telegramToken":"secret-123"}}"#)
            #expect(r.status == 200)
            #expect(r["defaultModel"] as? String == "gpt-5.2")
            #expect(r["hasIMConfig"] as? Bool == true)
            #expect(!r.text.contains("secret-123"))
            #expect(!r.text.contains("imConfig\""))
            await #expect(try h.store.imConfig(instanceID: id) == IMConfig(json: #"{"telegramToken":"secret-123"}"#))
            let listed = try await api.call(.get, "/v1/claw/instances", as: org)
            #expect(!listed.text.contains("secret-123"))
            let cleared = try await api.call(.patch, "/v1/claw/instances/\(id)", as: org,
                                             json: #"{"defaultModel":null,"imConfig":null}"#)
            #expect(cleared.status == 200)
            #expect(cleared["defaultModel"] is NSNull)
            #expect(cleared["hasIMConfig"] as? Bool == false)
            await #expect(try h.store.imConfig(instanceID: id) == nil)
        }
    }

    @Test("DELETE answers the instance with DELETED and an operation; a second DELETE is a 409 naming the status")
    func delete() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let id = try #require(try await api.create(org, "goner")["id"] as? String)
            let r = try await api.call(.delete, "/v1/claw/instances/\(id)", as: org)
            #expect(r.status == 200)
            #expect(r["status"] as? String == "DELETED")
            let op = try #require(r["operationId"] as? String)
            #expect(r.header("Location") == "/v1/operations/\(op)")
            let again = try await api.call(.delete, "/v1/claw/instances/\(id)", as: org)
            #expect(again.status == 409)
            #expect((again.error["message"] as? String)?.contains("DELETED") == true)
        }
        await #expect(try h.balance(org) == 8000)
    }
}
