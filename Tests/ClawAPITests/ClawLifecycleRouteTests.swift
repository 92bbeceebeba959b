import ClawCore
import ClawStore
import Foundation
import Testing

@Suite("Claw dialect: rebuild, renew, start, stop, restart")
struct ClawLifecycleRouteTests {
    @Test("rebuild answers 202 with the instance; the 11th in a UTC day is a 429 with Retry-After to 00:00 UTC")
    func rebuildQuota() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let id = try #require(try await api.create(org, "rebuilder")["id"] as? String)
            try await h.markRunning(id)
            for n in 1...10 {
                let r = try await api.call(.post, "/v1/claw/instances/\(id)/rebuild", as: org)
                #expect(r.status == 202, "rebuild \(n)")
                #expect(r["status"] as? String == "RUNNING")
                #expect(r["rebuildsLeftToday"] as? Int == 10 - n)
                #expect(r["canRebuild"] as? Bool == (n < 10))
                let op = try #require(r["operationId"] as? String)
                #expect(r.header("Location") == "/v1/operations/\(op)")
            }
            let before = try await h.store.instance(id: id, orgID: nil)!.generation
            let r = try await api.call(.post, "/v1/claw/instances/\(id)/rebuild", as: org)
            #expect(r.status == 429)
            #expect(r.errorType == "rate_limit_exceeded")
            let expected = Lifecycle.retryAfterSeconds(now: .now())
            let retryAfter = try #require(r.header("Retry-After").flatMap(Int.init))
            #expect(abs(retryAfter - expected) <= 2)
            #expect((1...86_400).contains(retryAfter))
            await #expect(try h.store.instance(id: id, orgID: nil)!.generation == before)
        }
    }

    @Test("rebuild, restart and stop of a PENDING instance are 409s naming the status; nothing changes")
    func illegalStates() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let id = try #require(try await api.create(org, "pending")["id"] as? String)
            for verb in ["rebuild", "restart", "stop", "start"] {
                let r = try await api.call(.post, "/v1/claw/instances/\(id)/\(verb)", as: org)
                #expect(r.status == 409, "\(verb)")
                #expect(r.errorType == "conflict")
                #expect((r.error["message"] as? String)?.contains("PENDING") == true)
            }
            try await api.call(.delete, "/v1/claw/instances/\(id)", as: org)
            for verb in ["rebuild", "renew"] {
                let r = try await api.call(.post, "/v1/claw/instances/\(id)/\(verb)", as: org)
                #expect(r.status == 409, "\(verb) after delete")
                #expect((r.error["message"] as? String)?.contains("DELETED") == true)
            }
            let patched = try await api.call(.patch, "/v1/claw/instances/\(id)", as: org, json: #"{"defaultModel":"x"}"#)
            #expect(patched.status == 409)
        }
        await #expect(try h.charges(org).count == 1)
        await #expect(try h.instances(org)[0].generation == 1)
    }

    @Test("renew charges one period and moves paidUntil by exactly the period")
    func renewArithmetic() async throws {
        let h = try Harness()
        let org = try await h.org(balanceCents: 4000)
        try await h.test { api in
            let id = try #require(try await api.create(org, "renewer")["id"] as? String)
            let before = try await h.store.instance(id: id, orgID: nil)!.paidUntil
            let r = try await api.call(.post, "/v1/claw/instances/\(id)/renew", as: org)
            #expect(r.status == 200)
            #expect(r["charged"] as? Bool == true)
            #expect(r["chargedAmount"] as? Double == 20)
            #expect(r["id"] as? String == id)
            #expect(r["subdomain"] as? String == "renewer")
            let after = before.adding(seconds: LifecyclePolicy.default.periodSeconds)
            #expect(r["paidUntil"] as? String == after.iso8601)
            await #expect(try h.store.instance(id: id, orgID: nil)!.paidUntil == after)
            await #expect(try h.store.instance(id: id, orgID: nil)!.totalPaid == Cents(4000))
            let poor = try await api.call(.post, "/v1/claw/instances/\(id)/renew", as: org)
            #expect(poor.status == 402)
            await #expect(try h.store.instance(id: id, orgID: nil)!.paidUntil == after)
        }
        await #expect(try h.balance(org) == 0)
        await #expect(try h.charges(org).count == 2)
    }

    @Test("renew of an expired STOPPED instance answers RUNNING with an operation")
    func renewRestartsExpired() async throws {
        let h = try Harness(policy: .init(periodSeconds: 1))
        let org = try await h.org()
        try await h.test { api in
            let id = try #require(try await api.create(org, "expired")["id"] as? String)
            try await h.markRunning(id)
            try await h.service.report(.expire, instanceID: id, now: Timestamp.now().adding(seconds: 5))
            await #expect(try h.store.instance(id: id, orgID: nil)!.stopReason == .expired)
            let r = try await api.call(.post, "/v1/claw/instances/\(id)/renew", as: org)
            #expect(r.status == 200)
            #expect(r["status"] as? String == "RUNNING")
            let op = try #require(r["operationId"] as? String)
            #expect(r.header("Location") == "/v1/operations/\(op)")
        }
    }

    @Test("stop, start and restart answer 202 with the instance and an operation")
    func stopStartRestart() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let id = try #require(try await api.create(org, "cycler")["id"] as? String)
            try await h.markRunning(id)
            let stopped = try await api.call(.post, "/v1/claw/instances/\(id)/stop", as: org)
            #expect(stopped.status == 202)
            #expect(stopped["status"] as? String == "STOPPED")
            #expect(stopped["stopReason"] as? String == "user")
            let started = try await api.call(.post, "/v1/claw/instances/\(id)/start", as: org)
            #expect(started.status == 202)
            #expect(started["status"] as? String == "RUNNING")
            let restarted = try await api.call(.post, "/v1/claw/instances/\(id)/restart", as: org)
            #expect(restarted.status == 202)
            #expect(restarted["operationId"] is String)
            let body = try await api.call(.post, "/v1/claw/instances/\(id)/restart", as: org, json: #"{"force":true}"#)
            #expect(body.status == 400)
        }
    }
}
