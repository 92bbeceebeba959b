import ClawCore
import Foundation
import GRDB

/// The one SQLite database of clawd: a WAL-mode `DatabasePool` on a file, migrated at open.
public final class Store: Sendable {
    public let path: String
    public let pool: DatabasePool

    /// Opens (creating if needed) and migrates the database at `path`.
    /// A database written by a newer clawd (unknown migrations) is refused, untouched.
    public init(path: String) throws(ClawError) {
        self.path = path
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        config.label = "clawd"
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch {
            throw ClawError(.storage, "cannot open database \(path): \(error)", cause: error)
        }
        let migrator = Migrations.migrator
        do {
            let superseded = try pool.read { db in try migrator.hasBeenSuperseded(db) }
            if superseded {
                let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
                let unknown = applied.subtracting(Migrations.identifiers).sorted()
                throw ClawError(.storage, "database \(path) was written by a newer clawd "
                    + "(unknown migrations: \(unknown.joined(separator: ", "))); refusing to open it. "
                    + "Run the newer clawd or restore a backup.")
            }
            try migrator.migrate(pool)
        } catch let error as ClawError {
            throw error
        } catch {
            throw ClawError(.storage, "cannot migrate database \(path): \(error)", cause: error)
        }
    }

    /// Runs `body` in one write transaction; GRDB and SQLite errors become `ClawError(.storage)`.
    public func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws(ClawError) -> T {
        do {
            return try pool.write(body)
        } catch let error as ClawError {
            throw error
        } catch {
            throw ClawError(.storage, "database write failed: \(error)", cause: error)
        }
    }

    public func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws(ClawError) -> T {
        do {
            return try pool.read(body)
        } catch let error as ClawError {
            throw error
        } catch {
            throw ClawError(.storage, "database read failed: \(error)", cause: error)
        }
    }

    /// Size of the database file plus its WAL, in bytes.
    public var sizeBytes: Int64 {
        [path, path + "-wal"].reduce(0) { sum, p in
            let size = (try? FileManager.default.attributesOfItem(atPath: p)[.size] as? NSNumber)?.int64Value ?? 0
            return sum + size
        }
    }
}
