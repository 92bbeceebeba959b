import ClawCore
@testable import ClawStore
import ClawTestSupport
import Foundation
import GRDB
import Testing

@Suite("API key cache")
struct APIKeyCacheTests {
    func makeStore() throws -> Store {
        try Store(path: TestPaths.makeTempDir("keycache") + "/clawd.sqlite")
    }

    @Test("a key authenticated once stops authenticating as soon as its revocation commits")
    func revokeAfterCachedHit() async throws {
        let store = try makeStore()
        let org = try await store.createOrg(name: "acme", email: nil)
        let key = try await store.createKey(orgID: org.id, name: "ci")
        await #expect(try store.authenticate(secret: key.secret)?.id == key.record.id)
        #expect(store.keyCache.lookup(Store.sha256(key.secret)).record != nil)
        try await store.revokeKey(orgID: org.id, keyID: key.record.id)
        await #expect(try store.authenticate(secret: key.secret) == nil)
    }

    @Test("any committed change to api_keys empties the cache; a rolled back one does not")
    func anyWriteInvalidates() async throws {
        let store = try makeStore()
        let org = try await store.createOrg(name: "acme", email: nil)
        let key = try await store.createKey(orgID: org.id, name: "ci")
        let hash = Store.sha256(key.secret)
        await #expect(try store.authenticate(secret: key.secret) != nil)
        await #expect(throws: ClawError.self) {
            try await store.write { db in
                try db.execute(sql: "UPDATE api_keys SET expires_at = 1 WHERE id = ?", arguments: [key.record.id])
                throw ClawError(.conflict, "roll back")
            }
        }
        #expect(store.keyCache.lookup(hash).record != nil)
        await #expect(try store.authenticate(secret: key.secret) != nil)
        try await store.write { db in
            try db.execute(sql: "UPDATE api_keys SET expires_at = 1 WHERE id = ?", arguments: [key.record.id])
        }
        #expect(store.keyCache.lookup(hash).record == nil)
        await #expect(try store.authenticate(secret: key.secret) == nil)
    }

    @Test("a lookup that read before a commit emptied the cache does not store what it read")
    func staleReadIsNotRemembered() {
        let cache = APIKeyCache()
        let record = APIKeyRecord(id: "key_1", orgID: "org_1", name: nil, prefix: "claw", last4: "abcd",
                                  createdAt: .now(), expiresAt: nil, revokedAt: nil)
        let hash = Data([1, 2, 3])
        let before = cache.lookup(hash).generation
        cache.clear()
        cache.remember(record, hash: hash, generation: before)
        #expect(cache.lookup(hash).record == nil)
        cache.remember(record, hash: hash, generation: cache.lookup(hash).generation)
        #expect(cache.lookup(hash).record?.id == "key_1")
    }

    @Test("the cache is bounded")
    func bounded() {
        let cache = APIKeyCache(maxEntries: 3)
        for n in 0..<10 {
            let record = APIKeyRecord(id: "key_\(n)", orgID: "org_1", name: nil, prefix: "claw", last4: "abcd",
                                      createdAt: .now(), expiresAt: nil, revokedAt: nil)
            cache.remember(record, hash: Data([UInt8(n)]), generation: cache.lookup(Data()).generation)
        }
        #expect((0..<10).filter { cache.lookup(Data([UInt8($0)])).record != nil }.count <= 3)
    }
}
