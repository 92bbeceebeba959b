import ClawCore
import Foundation
import GRDB
import Synchronization

/// API key records already looked up, by the SHA-256 of their secret, so an authenticated
/// request does not read the database to learn who is calling. Any committed transaction that
/// changes `api_keys` empties it (see `Invalidator`, a transaction observer on the writer), and
/// a lookup that raced such a commit does not store what it read (the generation check).
/// Expiry and revocation are still judged at each use from the record. Writes to the file by
/// another process are not seen; clawd is the database's only writer.
final class APIKeyCache: Sendable {
    private struct State {
        var records: [Data: APIKeyRecord] = [:]
        var generation: UInt64 = 0
    }

    private let state = Mutex(State())
    let maxEntries: Int

    init(maxEntries: Int = 10_000) {
        self.maxEntries = maxEntries
    }

    /// The cached record and the current generation, to pass back to `remember`.
    func lookup(_ hash: Data) -> (record: APIKeyRecord?, generation: UInt64) {
        state.withLock { ($0.records[hash], $0.generation) }
    }

    /// Keeps `record` unless the cache was emptied since `generation` was read.
    func remember(_ record: APIKeyRecord, hash: Data, generation: UInt64) {
        state.withLock { s in
            guard s.generation == generation else { return }
            if s.records.count >= maxEntries { s.records.removeAll(keepingCapacity: true) }
            s.records[hash] = record
        }
    }

    func clear() {
        state.withLock { s in
            s.generation &+= 1
            s.records.removeAll()
        }
    }

    /// Empties the cache after each commit that inserted, updated or deleted `api_keys` rows
    /// (deletes cascading from an org included). Called on GRDB's writer queue only.
    final class Invalidator: TransactionObserver {
        let cache: APIKeyCache
        private var touched = false

        init(_ cache: APIKeyCache) {
            self.cache = cache
        }

        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
            eventKind.tableName == "api_keys"
        }

        func databaseDidChange(with event: DatabaseEvent) {
            touched = true
            stopObservingDatabaseChangesUntilNextTransaction()
        }

        func databaseDidCommit(_ db: Database) {
            if touched { cache.clear() }
            touched = false
        }

        func databaseDidRollback(_ db: Database) {
            touched = false
        }
    }
}
