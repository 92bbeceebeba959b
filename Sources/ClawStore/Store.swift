import ClawCore
import Foundation
import GRDB

/// The one SQLite database of clawd: a WAL-mode `DatabasePool` on a file, migrated at open.
public final class Store: Sendable {
    public let path: String
    public let pool: DatabasePool
    let keyCache = APIKeyCache()
    /// Rings after each commit that appended events (see `EventBell`).
    public let eventBell = EventBell()

    /// Opens (creating if needed, mode 0600 whatever the umask) and migrates the database at
    /// `path`. A database written by a newer clawd (unknown migrations) is refused, untouched.
    public init(path: String) throws(ClawError) {
        self.path = path
        try Store.createPrivate(path)
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        // Reads are CPU-bound work on the page cache, so more readers than cores only add
        // connections, each with its own cache (a few MiB once the instance list was read).
        config.maximumReaderCount = max(2, min(8, ProcessInfo.processInfo.activeProcessorCount))
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
            pool.add(transactionObserver: APIKeyCache.Invalidator(keyCache), extent: .databaseLifetime)
            pool.add(transactionObserver: EventBell.Observer(eventBell), extent: .databaseLifetime)
        } catch let error as ClawError {
            throw error
        } catch {
            throw ClawError(.storage, "cannot migrate database \(path): \(error)", cause: error)
        }
    }

    /// Runs `body` in one write transaction on GRDB's writer queue; the calling task is suspended
    /// meanwhile, so no thread of the cooperative pool waits on SQLite. It is deliberately not
    /// cancellable (GRDB's `async` `write` would throw `CancellationError` in a cancelled task):
    /// a worker stopped with the daemon still records its outcome (e.g. an interrupted run).
    /// GRDB and SQLite errors become `ClawError(.storage)`.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(ClawError) -> T {
        let result = await withCheckedContinuation { (done: CheckedContinuation<Result<T, any Error>, Never>) in
            pool.asyncWrite(body) { _, result in done.resume(returning: result) }
        }
        do {
            return try result.get()
        } catch {
            throw storageError(error, "database write failed")
        }
    }

    /// Runs `body` on a read-only snapshot on one of GRDB's reader queues, suspending the
    /// calling task like `write`.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(ClawError) -> T {
        let result = await withCheckedContinuation { (done: CheckedContinuation<Result<T, any Error>, Never>) in
            pool.asyncRead { db in done.resume(returning: Result { try body(try db.get()) }) }
        }
        do {
            return try result.get()
        } catch {
            throw storageError(error, "database read failed")
        }
    }

    private func storageError(_ error: any Error, _ what: String) -> ClawError {
        if let error = error as? ClawError { return error }
        if let error = error as? DatabaseError, error.resultCode == .SQLITE_FULL {
            let dir = (path as NSString).deletingLastPathComponent
            return ClawError(.storageFull, "\(what): the disk holding \(dir) is full; nothing was changed. "
                + "Free space there and try again", retryAfterSeconds: 30, cause: error)
        }
        return ClawError(.storage, "\(what): \(error)", cause: error)
    }

    /// Size of the database file plus its WAL, in bytes.
    public var sizeBytes: Int64 {
        [path, path + "-wal"].reduce(0) { sum, p in
            let size = (try? FileManager.default.attributesOfItem(atPath: p)[.size] as? NSNumber)?.int64Value ?? 0
            return sum + size
        }
    }
}
