@testable import ClawAPI
import ClawCore
import ClawStore
import Foundation
import Hummingbird
import ClawTestSupport
import Synchronization
import Testing

/// A clock the test moves by hand (Unix milliseconds).
final class ManualClock: Sendable {
    private let millis: Atomic<Int64>
    init(_ start: Int64 = 1_800_000_000_000) { millis = Atomic(start) }
    var now: Int64 { millis.load(ordering: .sequentiallyConsistent) }
    func advance(seconds: Double) { millis.add(Int64(seconds * 1000), ordering: .sequentiallyConsistent) }
}

@Suite("Rate limit: per key, every dialect, exact under concurrency")
struct RateLimitTests {
    func harness(limit: Int = 100, window: Int = 60, clock: ManualClock) throws -> Harness {
        var h = try Harness()
        h.env.rateLimiter = RateLimiter(limit: limit, windowSeconds: window, nowMillis: { clock.now })
        return h
    }

    @Test("headers count down from 100; the 101st answers 429 with Retry-After in the ClawHosters shape")
    func countDown() async throws {
        let clock = ManualClock()
        let h = try harness(clock: clock)
        let org = try await h.org()
        let reset = "\((clock.now + 60_000) / 1000)"
        try await h.test { api in
            for k in 1...100 {
                // Errors count and carry the headers too (every 10th asks for a missing instance).
                let r = try await api.call(.get, k % 10 == 0 ? "/api/v1/instances/424242" : "/api/v1/instances", as: org)
                #expect(r.status == (k % 10 == 0 ? 404 : 200))
                #expect(r.header("X-RateLimit-Limit") == "100")
                #expect(r.header("X-RateLimit-Remaining") == "\(100 - k)")
                #expect(r.header("X-RateLimit-Reset") == reset)
                #expect(r.header("Retry-After") == nil)
            }
            clock.advance(seconds: 17.5)
            let over = try await api.call(.get, "/api/v1/instances", as: org)
            #expect(over.status == 429)
            #expect(over.header("Retry-After") == "43")
            #expect(over.header("X-RateLimit-Remaining") == "0")
            #expect(over.header("X-RateLimit-Limit") == "100" && over.header("X-RateLimit-Reset") == reset)
            #expect(over.json as NSDictionary == ["error": ["code": "rate_limit_exceeded",
                                                            "message": "Rate limit exceeded. Try again in 43 seconds."]] as NSDictionary)
            // The Claw dialect shares the budget and answers in its own shape; nothing ran.
            let claw = try await api.call(.post, "/v1/claw/instances", as: org, json: #"{"subdomain":"limited"}"#)
            #expect(claw.status == 429 && claw.header("Retry-After") == "43")
            #expect(claw.errorType == "rate_limit_exceeded" && (claw.error["message"] as? String)?.contains("43 seconds") == true)
            await #expect(try h.instances(org).isEmpty)
            // Unauthenticated and public answers are not counted and carry no headers.
            let health = try await api.call(.get, "/api/v1/health")
            #expect(health.status == 200 && health.header("X-RateLimit-Limit") == nil)
            let noKey = try await api.call(.get, "/api/v1/instances")
            #expect(noKey.status == 401 && noKey.header("X-RateLimit-Limit") == nil)
        }
    }

    @Test("a refused request is in the audit log once, as denied, under the key and its org")
    func auditedDenial() async throws {
        let clock = ManualClock()
        var h = try harness(limit: 1, clock: clock)
        let runs = ContainerRunStore(store: h.store, files: ContainerFiles(dataDir: try TestPaths.makeTempDir("rl")),
                                     subscribers: [])
        h.env.containerRuns = ContainerRunsAPI(runs: runs, queue: PureQueueView(), instanceCounts: { [:] })
        let org = try await h.org(), other = try await h.org()
        try await h.test { api async throws in
            #expect(try await api.call(.get, "/v1/claw/instances", as: org).status == 200)
            #expect(try await api.call(.post, "/v1/claw/instances", as: org, json: #"{"subdomain":"over"}"#).status == 429)
        }
        let entries = try await runs.auditLog(orgID: org.id, since: nil, limit: 50)
        let denied = entries.filter { $0.action == "denied" }
        #expect(denied.count == 1)
        #expect(denied.first?.outcome == "rate_limited")
        #expect(denied.first?.target == "POST /v1/claw/instances")
        #expect(denied.first?.actor.hasPrefix("key:") == true)
        await #expect(try runs.auditLog(orgID: other.id, since: nil, limit: 50).isEmpty)
    }

    @Test("a new window resets the count; each API key has its own budget")
    func windowReset() async throws {
        let clock = ManualClock()
        let h = try harness(limit: 3, window: 10, clock: clock)
        let org = try await h.org()
        let second = await TestOrg(id: org.id, key: try h.store.createKey(orgID: org.id, name: "second").secret)
        try await h.test { api in
            for _ in 0..<3 { #expect(try await api.call(.get, "/api/v1/account", as: org).status == 200) }
            #expect(try await api.call(.get, "/api/v1/account", as: org).status == 429)
            let other = try await api.call(.get, "/api/v1/account", as: second)
            #expect(other.status == 200 && other.header("X-RateLimit-Remaining") == "2")
            clock.advance(seconds: 9.9)
            let still = try await api.call(.get, "/api/v1/account", as: org)
            #expect(still.status == 429 && still.header("Retry-After") == "1")
            clock.advance(seconds: 0.1)
            let fresh = try await api.call(.get, "/api/v1/account", as: org)
            #expect(fresh.status == 200 && fresh.header("X-RateLimit-Remaining") == "2")
            #expect(fresh.header("X-RateLimit-Reset") == "\((clock.now + 10_000) / 1000)")
        }
    }

    @Test("150 concurrent requests in a fresh window: exactly 100 pass, through the router")
    func concurrentBurstRouter() async throws {
        let clock = ManualClock()
        let h = try harness(clock: clock)
        let org = try await h.org()
        try await h.test { api in
            let statuses = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for _ in 0..<150 {
                    group.addTask {
                        let r = try await api.call(.get, "/api/v1/instances", as: org)
                        return (r.status, r.header("X-RateLimit-Remaining"))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0.0 == 200 }.count == 100)
            #expect(statuses.filter { $0.0 == 429 }.count == 50)
            // Every remaining count from 99 down to 0 was handed out exactly once.
            #expect(statuses.filter { $0.0 == 200 }.compactMap { $0.1.flatMap(Int.init) }.sorted() == Array(0...99))
        }
    }

    @Test("the limiter alone: 2,000 concurrent acquires over 4 keys, exactly the limit passes per key")
    func concurrentBurstLimiter() async {
        let clock = ManualClock()
        let limiter = RateLimiter(limit: 100, windowSeconds: 60, nowMillis: { clock.now })
        let passed = await withTaskGroup(of: (String, Bool).self) { group in
            for n in 0..<2000 {
                group.addTask { let key = "k\(n % 4)"; return (key, limiter.acquire(key).allowed) }
            }
            return await group.reduce(into: [String: Int]()) { if $1.1 { $0[$1.0, default: 0] += 1 } }
        }
        #expect(passed == ["k0": 100, "k1": 100, "k2": 100, "k3": 100])
        clock.advance(seconds: 60)
        #expect(limiter.acquire("k0") == .init(allowed: true, limit: 100, remaining: 99,
                                               resetAt: (clock.now + 60_000) / 1000, retryAfterSeconds: 60))
    }
}
