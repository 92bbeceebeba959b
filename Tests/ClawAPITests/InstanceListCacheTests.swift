@testable import ClawAPI
import ClawCore
import ClawStore
import Foundation
import Hummingbird
import Testing

@Suite("Claw dialect: the cached instance list")
struct InstanceListCacheTests {
    func names(_ r: Reply) -> [String] {
        (r["instances"] as? [[String: Any]] ?? []).compactMap { $0["subdomain"] as? String }
    }

    @Test("a second GET with nothing changed is served from the cache, byte for byte")
    func hit() async throws {
        let h = try Harness()
        let org = try await h.org()
        let cache = h.env.instanceListCache
        try await h.test { api in
            _ = try await api.create(org, "cached-a")
            let first = try await api.call(.get, "/v1/claw/instances", as: org)
            let second = try await api.call(.get, "/v1/claw/instances", as: org)
            #expect(first.status == 200 && second.status == 200)
            #expect(first.text == second.text)
            #expect(self.names(second) == ["cached-a"])
        }
        #expect(cache.counts.hits == 1)
        #expect(cache.counts.misses == 1)
    }

    @Test("every change through the API shows at once: create, state change, PATCH, delete")
    func apiChanges() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let id = try #require(try await api.create(org, "one")["id"] as? String)
            #expect(self.names(try await api.call(.get, "/v1/claw/instances", as: org)) == ["one"])
            _ = try await api.create(org, "two")
            #expect(self.names(try await api.call(.get, "/v1/claw/instances", as: org)) == ["two", "one"])
            try await h.markRunning(id)
            let list = try await api.call(.get, "/v1/claw/instances", as: org)
            let one = (list["instances"] as? [[String: Any]])?.first { $0["id"] as? String == id }
            #expect(one?["status"] as? String == "RUNNING")
            let patched = try await api.call(.patch, "/v1/claw/instances/\(id)", as: org, json: #"{"defaultModel":"m-2"}"#)
            #expect(patched.status == 200)
            let after = try await api.call(.get, "/v1/claw/instances", as: org)
            let row = (after["instances"] as? [[String: Any]])?.first { $0["id"] as? String == id }
            #expect(row?["defaultModel"] as? String == "m-2")
            #expect(try await api.call(.delete, "/v1/claw/instances/\(id)", as: org).status == 200)
            let gone = try await api.call(.get, "/v1/claw/instances", as: org)
            let status = (gone["instances"] as? [[String: Any]])?.first { $0["id"] as? String == id }?["status"] as? String
            #expect(status == "DELETING" || status == "DELETED" || status == nil)
        }
    }

    @Test("a write that bypasses clawd (sqlite by hand) is seen too: the counter is a trigger")
    func externalWrite() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let id = try #require(try await api.create(org, "ext")["id"] as? String)
            #expect(self.names(try await api.call(.get, "/v1/claw/instances", as: org)) == ["ext"])
            try await h.store.write { db in
                try db.execute(sql: "UPDATE instances SET subdomain = 'renamed' WHERE id = ?", arguments: [id])
            }
            #expect(self.names(try await api.call(.get, "/v1/claw/instances", as: org)) == ["renamed"])
            try await h.store.write { db in try db.execute(sql: "DELETE FROM instances WHERE id = ?", arguments: [id]) }
            #expect(self.names(try await api.call(.get, "/v1/claw/instances", as: org)).isEmpty)
        }
    }

    @Test("one org's change leaves another org's entry valid, and never leaks rows across orgs")
    func perOrg() async throws {
        let h = try Harness()
        let a = try await h.org(), b = try await h.org()
        let va0 = try await h.store.instanceListVersion(orgID: a.id)
        let all0 = try await h.store.instanceListVersion(orgID: nil)
        try await h.test { api in
            _ = try await api.create(a, "a-bot")
            let vb = try await h.store.instanceListVersion(orgID: b.id)
            _ = try await api.call(.get, "/v1/claw/instances", as: b)
            _ = try await api.create(a, "a-bot-2")
            await #expect(try h.store.instanceListVersion(orgID: b.id) == vb)
            #expect(self.names(try await api.call(.get, "/v1/claw/instances", as: b)).isEmpty)
            #expect(self.names(try await api.call(.get, "/v1/claw/instances", as: a)) == ["a-bot-2", "a-bot"])
        }
        await #expect(try h.store.instanceListVersion(orgID: a.id) > va0)
        await #expect(try h.store.instanceListVersion(orgID: nil) > all0)
    }

    @Test("a new UTC day renders again (rebuildsLeftToday turns over), and the cache stays within its bounds")
    func dayAndBounds() async throws {
        let h = try Harness()
        var orgs: [TestOrg] = []
        for _ in 0..<5 { orgs.append(try await h.org()) }
        let cache = InstanceListCache(maxEntries: 3, maxBytes: 1 << 20)
        var renders = 0
        let day1 = Timestamp(millis: 1_800_000_000_000), day2 = Timestamp(millis: 1_800_000_000_000 + 86_400_000)
        func get(_ org: TestOrg, _ now: Timestamp) async throws -> ByteBuffer {
            try await cache.body(orgID: org.id, store: h.store, now: now) { rows, today in renders += 1; return Array(today.utf8) }
        }
        await #expect(String(buffer: try get(orgs[0], day1)) == UTCDay.string(day1))
        _ = try await get(orgs[0], day1)
        #expect(renders == 1)
        await #expect(String(buffer: try get(orgs[0], day2)) == UTCDay.string(day2))
        #expect(renders == 2)
        for org in orgs { _ = try await get(org, day2) }
        #expect(renders == 6)
        // Only the 3 most recently used orgs are kept: orgs[0] and orgs[1] were evicted.
        _ = try await get(orgs[4], day2)
        #expect(renders == 6)
        _ = try await get(orgs[0], day2)
        #expect(renders == 7)
    }
}
