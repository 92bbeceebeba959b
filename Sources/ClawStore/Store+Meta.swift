import ClawCore
import GRDB

extension Store {
    public func meta(_ key: String) async throws(ClawError) -> String? {
        try await read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    /// The stored value for `key`, or `make()` stored now if there is none (first writer wins).
    public func metaOrInsert(_ key: String, _ make: @escaping @Sendable () -> String) async throws(ClawError) -> String {
        try await write { db in
            if let v = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) {
                return v
            }
            let v = make()
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?)", arguments: [key, v])
            return v
        }
    }
}
