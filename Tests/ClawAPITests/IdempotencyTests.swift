import ClawCore
import ClawStore
import Foundation
import Testing

@Suite("Idempotency-Key on POST")
struct IdempotencyTests {
    @Test("the same key twice creates and charges once and answers the same status, body and Location")
    func createTwice() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let body = #"{"subdomain":"oncebot"}"#
            let first = try await api.call(.post, "/v1/claw/instances", as: org, json: body, headers: ["Idempotency-Key": "k-1"])
            let second = try await api.call(.post, "/v1/claw/instances", as: org, json: body, headers: ["Idempotency-Key": "k-1"])
            #expect(first.status == 201)
            #expect(second.status == 201)
            #expect(second.text == first.text)
            #expect(second.header("Location") == first.header("Location"))
            #expect(first.header("Location") != nil)
            #expect(second.header("Idempotent-Replayed") == "true")
        }
        await #expect(try h.instances(org).count == 1)
        await #expect(try h.charges(org).count == 1)
        await #expect(try h.balance(org) == 8000)
    }

    @Test("the same key with a different body is a 409 conflict and performs nothing")
    func differentBody() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            _ = try await api.call(.post, "/v1/claw/instances", as: org, json: #"{"subdomain":"firstbot"}"#,
                                   headers: ["Idempotency-Key": "k-2"])
            let r = try await api.call(.post, "/v1/claw/instances", as: org, json: #"{"subdomain":"secondbot"}"#,
                                       headers: ["Idempotency-Key": "k-2"])
            #expect(r.status == 409)
            #expect(r.errorType == "conflict")
            #expect((r.error["message"] as? String)?.contains("idempotency key reused with a different request") == true)
        }
        await #expect(try h.instances(org).map(\.subdomain) == ["firstbot"])
        await #expect(try h.charges(org).count == 1)
    }

    @Test("keys belong to one org: another org's identical key performs its own request")
    func keysPerOrg() async throws {
        let h = try Harness()
        let a = try await h.org()
        let b = try await h.org()
        try await h.test { api in
            let ra = try await api.call(.post, "/v1/claw/instances", as: a, json: #"{"subdomain":"abot"}"#, headers: ["Idempotency-Key": "same"])
            let rb = try await api.call(.post, "/v1/claw/instances", as: b, json: #"{"subdomain":"bbot"}"#, headers: ["Idempotency-Key": "same"])
            #expect(ra.status == 201)
            #expect(rb.status == 201)
        }
        await #expect(try h.charges(a).count == 1)
        await #expect(try h.charges(b).count == 1)
    }

    @Test("a retried renew charges once; a refused request is not stored, so its retry decides afresh")
    func renewTwiceAndRefusalsNotStored() async throws {
        let h = try Harness()
        let org = try await h.org(balanceCents: 4000)
        try await h.test { api in
            let id = try #require(try await api.create(org, "renewonce")["id"] as? String)
            let path = "/v1/claw/instances/\(id)/renew"
            let first = try await api.call(.post, path, as: org, headers: ["Idempotency-Key": "renew-1"])
            let second = try await api.call(.post, path, as: org, headers: ["Idempotency-Key": "renew-1"])
            #expect(first.status == 200)
            #expect(second.text == first.text)
            let poor = try await api.call(.post, path, as: org, headers: ["Idempotency-Key": "renew-2"])
            #expect(poor.status == 402)
            _ = try await h.store.credit(orgID: org.id, amount: Cents(2000), description: "top up")
            let retried = try await api.call(.post, path, as: org, headers: ["Idempotency-Key": "renew-2"])
            #expect(retried.status == 200)
        }
        await #expect(try h.charges(org).count == 3)
    }

    @Test("concurrent requests with one key perform once and all answer the first reply")
    func concurrentSameKey() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let replies = try await withThrowingTaskGroup(of: Reply.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await api.call(.post, "/v1/claw/instances", as: org, json: #"{"subdomain":"racebot"}"#,
                                           headers: ["Idempotency-Key": "race"])
                    }
                }
                return try await group.reduce(into: [Reply]()) { $0.append($1) }
            }
            #expect(replies.allSatisfy { $0.status == 201 })
            #expect(Set(replies.map(\.text)).count == 1)
        }
        await #expect(try h.instances(org).count == 1)
        await #expect(try h.charges(org).count == 1)
    }

    @Test("rebuild with a repeated key counts once against the quota")
    func rebuildOnce() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let id = try #require(try await api.create(org, "rebuildonce")["id"] as? String)
            try await h.markRunning(id)
            for _ in 0..<3 {
                let r = try await api.call(.post, "/v1/claw/instances/\(id)/rebuild", as: org, headers: ["Idempotency-Key": "rb"])
                #expect(r.status == 202)
            }
            await #expect(try h.store.instance(id: id, orgID: nil)!.rebuildsOnDay == 1)
        }
    }
}
