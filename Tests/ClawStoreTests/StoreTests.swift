import ClawCore
@testable import ClawStore
import ClawTestSupport
import Foundation
import GRDB
import Testing

@Suite("SQLite store")
struct StoreTests {
    func makeStore() throws -> Store {
        try Store(path: TestPaths.makeTempDir("db") + "/clawd.sqlite")
    }

    @Test("opens a file database in WAL mode with foreign keys on and migrations applied")
    func walAndPragmas() async throws {
        let store = try makeStore()
        let (mode, fk) = try await store.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(mode == "wal")
        #expect(fk == 1)
        #expect(FileManager.default.fileExists(atPath: store.path))
        let tables = try await store.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type='table'") }
        #expect(Set(["orgs", "api_keys", "ledger", "events", "meta"]).isSubset(of: Set(tables)))
    }

    @Test("a database written by a newer clawd is refused and left untouched")
    func newerSchemaRefused() async throws {
        let store = try makeStore()
        try await store.write { db in try db.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('9999-from-the-future')") }
        let path = store.path
        let before = try await store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations") }
        do {
            _ = try Store(path: path)
            Issue.record("a newer database was opened")
        } catch {
            #expect(error.code == .storage)
            #expect(error.message.contains("newer clawd"))
            #expect(error.message.contains("9999-from-the-future"))
        }
        let after = try await store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations") }
        #expect(before == after)
    }

    @Test("reopening an existing database keeps its data")
    func reopen() async throws {
        let store = try makeStore()
        let org = try await store.createOrg(name: "acme", email: "ops@acme.test")
        let again = try Store(path: store.path)
        await #expect(try again.org(id: org.id)?.name == "acme")
    }

    @Test("credit writes the ledger row, the balance and an event together")
    func credit() async throws {
        let store = try makeStore()
        let org = try await store.createOrg(name: "acme", email: nil)
        let after = try await store.credit(orgID: org.id, amount: Cents(2500), description: "top-up")
        #expect(after.balance == Cents(2500))
        let ledger = try await store.ledger(orgID: org.id)
        #expect(ledger.count == 1)
        #expect(ledger.first?.kind == .credit)
        #expect(ledger.first?.balanceAfter == Cents(2500))
        await #expect(try store.eventCount(type: "billing.credited") == 1)
        await #expect(throws: ClawError.self) { try await store.credit(orgID: org.id, amount: Cents(0), description: "") }
        await #expect(throws: ClawError.self) { try await store.credit(orgID: "org_missing", amount: Cents(1), description: "") }
        await #expect(try store.org(id: org.id)?.balance == Cents(2500))
    }

    @Test("the balance can never go negative (CHECK constraint)")
    func noNegativeBalance() async throws {
        let store = try makeStore()
        let org = try await store.createOrg(name: "acme", email: nil)
        await #expect(throws: ClawError.self) {
            try await store.write { db in try db.execute(sql: "UPDATE orgs SET balance_cents = -1 WHERE id = ?", arguments: [org.id]) }
        }
    }

    @Test("org names are unique")
    func uniqueNames() async throws {
        let store = try makeStore()
        _ = try await store.createOrg(name: "acme", email: nil)
        await #expect(throws: ClawError.self) { try await store.createOrg(name: "acme", email: nil) }
    }

    @Test("API keys: only the SHA-256 is stored; expired and unknown keys do not authenticate")
    func keys() async throws {
        let store = try makeStore()
        let org = try await store.createOrg(name: "acme", email: nil)
        let key = try await store.createKey(orgID: org.id, name: "ci")
        #expect(key.secret.hasPrefix("claw_"))
        #expect(key.secret.count == 5 + 64)
        await #expect(try store.authenticate(secret: key.secret)?.orgID == org.id)
        await #expect(try store.authenticate(secret: key.secret + "x") == nil)
        await #expect(try store.authenticate(secret: "") == nil)
        let stored = try await store.read { db in try Row.fetchAll(db, sql: "SELECT * FROM api_keys").description }
        #expect(!stored.contains(key.secret))
        let past = Timestamp.now().adding(seconds: -60)
        let expired = try await store.createKey(orgID: org.id, name: "old", expiresAt: past)
        await #expect(try store.authenticate(secret: expired.secret) == nil)
        await #expect(try store.listKeys(orgID: org.id).count == 2)
    }
}
