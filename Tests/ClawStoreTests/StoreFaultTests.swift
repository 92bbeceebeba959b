import ClawCore
@testable import ClawStore
import ClawTestSupport
import Foundation
import GRDB
import Testing

@Suite("SQLite store: file modes and a full disk")
struct StoreFaultTests {
    @Test("under umask 022 the database, its WAL and SHM are created 0600")
    func privateFiles() async throws {
        let old = umask(0o022)
        defer { umask(old) }
        let store = try Store(path: TestPaths.makeTempDir("mode") + "/clawd.sqlite")
        try await store.write { db in try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('k', 'v')") }
        for suffix in ["", "-wal", "-shm"] {
            let mode = (try FileManager.default.attributesOfItem(atPath: store.path + suffix)[.posixPermissions] as? NSNumber)?.intValue
            #expect(mode == 0o600, "clawd.sqlite\(suffix): \(String(mode ?? 0, radix: 8))")
        }
    }

    @Test("a write SQLite cannot store (SQLITE_FULL) is storage_full with Retry-After, commits nothing, and reads go on")
    func fullIsItsOwnCode() async throws {
        let store = try Store(path: TestPaths.makeTempDir("full") + "/clawd.sqlite")
        // The writer connection may not grow the file: the same SQLITE_FULL a full disk gives.
        try await store.write { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = \(pages)")
        }
        let blob = String(repeating: "x", count: 64 * 1024)
        do {
            try await store.write { db in
                try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('small', 'v')")
                try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('big', ?)", arguments: [blob])
            }
            Issue.record("the write should have failed")
        } catch {
            #expect(error.code == .storageFull, "\(error)")
            #expect(error.retryAfterSeconds != nil)
            #expect(error.message.contains("full"))
        }
        let kept = try await store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM meta WHERE key IN ('small', 'big')") }
        #expect(kept == 0, "nothing of the failed transaction is kept")
    }
}
