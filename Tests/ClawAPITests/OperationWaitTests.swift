@testable import ClawAPI
import ClawCore
import ClawStore
import Foundation
import Hummingbird
import Testing

@Suite("Operations and waits")
struct OperationWaitTests {
    @Test("GET /v1/operations/<id> answers the operation; another org's is a 404")
    func getOperation() async throws {
        let h = try Harness()
        let org = try await h.org()
        let other = try await h.org()
        try await h.test { api in
            let created = try await api.create(org, "opbot")
            let op = try #require(created["operationId"] as? String)
            let r = try await api.call(.get, "/v1/operations/\(op)", as: org)
            #expect(r.status == 200)
            #expect(r["id"] as? String == op)
            #expect(r["kind"] as? String == "create")
            #expect(r["instanceId"] as? String == created["id"] as? String)
            #expect(r["status"] as? String == "pending")
            #expect(r["error"] is NSNull)
            #expect(r["createdAt"] is String)
            #expect(r["updatedAt"] is String)
            #expect(try await api.call(.get, "/v1/operations/\(op)", as: other).status == 404)
            #expect(try await api.call(.get, "/v1/operations/\(op)/wait?timeout=0", as: other).status == 404)
        }
    }

    @Test("operation wait answers 408 with the current operation when it does not finish in time")
    func waitTimesOut() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let op = try #require(try await api.create(org, "slowbot")["operationId"] as? String)
            let started = ContinuousClock.now
            let r = try await api.call(.get, "/v1/operations/\(op)/wait?timeout=0.3", as: org)
            #expect(r.status == 408)
            #expect(r["status"] as? String == "pending")
            #expect(ContinuousClock.now - started >= .milliseconds(290))
        }
    }

    @Test("operation wait answers 200 as soon as the worker finishes it, long before the timeout")
    func waitFinishes() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let created = try await api.create(org, "fastbot")
            let op = try #require(created["operationId"] as? String)
            let id = try #require(created["id"] as? String)
            let started = ContinuousClock.now
            async let waited = api.call(.get, "/v1/operations/\(op)/wait?timeout=30", as: org)
            // Either order is right: a finish before the wait starts answers at once, one after
            // it wakes the observation (checked on its own in `observationWakes`).
            try await h.markRunning(id)
            let r = try await waited
            #expect(r.status == 200)
            #expect(r["status"] as? String == "succeeded")
            #expect(ContinuousClock.now - started < .seconds(10))
            let again = try await api.call(.get, "/v1/operations/\(op)/wait", as: org)
            #expect(again.status == 200)
        }
    }

    @Test("the wait's observation yields the open operation, then wakes on the commit that finishes it")
    func observationWakes() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let created = try await api.create(org, "watchbot")
            let op = try #require(created["operationId"] as? String)
            let id = try #require(created["id"] as? String)
            var updates = h.store.operationUpdates(id: op, orgID: nil).makeAsyncIterator()
            let first = try await updates.next()
            #expect(first??.isFinished == false, "the observation starts with the open row")
            try await h.markRunning(id)
            var last: OperationRecord?
            while let next = try await updates.next(), let record = next {
                last = record
                if record.isFinished { break }
            }
            #expect(last?.isFinished == true)
            #expect(last?.status == "succeeded")
        }
    }

    @Test("an operation finished without an instance change still ends the wait")
    func waitFinishesWithoutFeed() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let created = try await api.create(org, "quietbot")
            let op = try #require(created["operationId"] as? String)
            let id = try #require(created["id"] as? String)
            async let waited = api.call(.get, "/v1/operations/\(op)/wait?timeout=30", as: org)
            // Either order is right: a finish after the start wakes the observation (`observationWakes`).
            try await h.service.finishOperations(instanceID: id, succeeded: false, error: "boom")
            let r = try await waited
            #expect(r.status == 200)
            #expect(r["status"] as? String == "failed")
            #expect(r["error"] as? String == "boom")
        }
    }

    @Test("instance wait answers 200 once the status is reached, 408 with the instance on timeout")
    func instanceWait() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let id = try #require(try await api.create(org, "waitbot")["id"] as? String)
            let timedOut = try await api.call(.get, "/v1/claw/instances/\(id)/wait?status=RUNNING&timeout=0.2", as: org)
            #expect(timedOut.status == 408)
            #expect(timedOut["status"] as? String == "PENDING")
            #expect(timedOut["subdomain"] as? String == "waitbot")
            async let waited = api.call(.get, "/v1/claw/instances/\(id)/wait?status=RUNNING&timeout=30", as: org)
            try await h.awaitListeners(1)
            try await h.markRunning(id)
            let r = try await waited
            #expect(r.status == 200)
            #expect(r["status"] as? String == "RUNNING")
            let already = try await api.call(.get, "/v1/claw/instances/\(id)/wait?status=RUNNING&timeout=0", as: org)
            #expect(already.status == 200)
        }
    }

    @Test("instance wait for RUNNING on an instance that was deleted answers 409 at once")
    func instanceWaitTerminal() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let id = try #require(try await api.create(org, "doomed")["id"] as? String)
            async let waited = api.call(.get, "/v1/claw/instances/\(id)/wait?status=RUNNING&timeout=30", as: org)
            try await h.awaitListeners(1)
            try await api.call(.delete, "/v1/claw/instances/\(id)", as: org)
            let r = try await waited
            #expect(r.status == 409)
            #expect((r.error["message"] as? String)?.contains("DELETED") == true)
            let deleted = try await api.call(.get, "/v1/claw/instances/\(id)/wait?status=DELETED", as: org)
            #expect(deleted.status == 200)
        }
    }

    @Test("timeout: absent is 30 s, above 60 s is capped, fractions are kept")
    func timeoutParsing() throws {
        func parse(_ query: String) throws -> Duration {
            try Waiting.timeout(Request(head: HTTPRequest(method: .get, scheme: "http", authority: "x", path: "/w\(query)"),
                                        body: RequestBody(buffer: ByteBuffer())))
        }
        #expect(try parse("") == .seconds(30))
        #expect(try parse("?timeout=600") == .seconds(60))
        #expect(try parse("?timeout=1.5") == .milliseconds(1500))
        #expect(try parse("?timeout=0") == .zero)
        #expect(throws: ClawError.self) { try parse("?timeout=nan") }
        #expect(throws: ClawError.self) { try parse("?timeout=1e400") }
    }
}
