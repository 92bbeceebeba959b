import ClawCore
import ClawStore
import NIOCore
import Synchronization

/// The rendered body of `GET /v1/claw/instances`, per org, reused while nothing it shows has
/// changed: the org's instance counter (bumped by trigger in every transaction that touches
/// one of its instances) and the UTC day (`rebuildsLeftToday` and `canRebuild` turn over at
/// midnight) must both match. A hit costs one indexed read instead of decoding and writing
/// every row. Bounded: at most `maxEntries` orgs and `maxBytes` of bodies; the least recently
/// used entry goes first.
public final class InstanceListCache: Sendable {
    struct Key: Hashable { var orgID: String? }
    struct Entry {
        var version: Int64
        var day: String
        var body: ByteBuffer
        var lastUse: UInt64
    }
    struct State {
        var entries: [Key: Entry] = [:]
        var bytes = 0
        var clock: UInt64 = 0
        var hits = 0
        var misses = 0
    }

    private let state = Mutex(State())
    let maxEntries: Int
    let maxBytes: Int

    public init(maxEntries: Int = 256, maxBytes: Int = 64 << 20) {
        self.maxEntries = maxEntries
        self.maxBytes = maxBytes
    }

    /// (hits, misses) so far, for tests and metrics.
    public var counts: (hits: Int, misses: Int) { state.withLock { ($0.hits, $0.misses) } }

    /// The body for `orgID` (nil: every org, the admin) at `now`, rendered by `render` only when
    /// the cached one is stale.
    func body(orgID: String?, store: Store, now: Timestamp,
              render: ([Instance], String) -> [UInt8]) async throws(ClawError) -> ByteBuffer {
        let key = Key(orgID: orgID), day = UTCDay.string(now)
        let version = try await store.instanceListVersion(orgID: orgID)
        let hit: ByteBuffer? = state.withLock { s in
            s.clock += 1
            guard var e = s.entries[key], e.version == version, e.day == day else { return nil }
            e.lastUse = s.clock
            s.entries[key] = e
            s.hits += 1
            return e.body
        }
        if let hit { return hit }
        // Miss: the counter and the rows come from one snapshot, so the entry is never newer
        // than its counter says.
        let (fresh, instances) = try await store.versionedInstances(orgID: orgID)
        let body = ByteBuffer(bytes: render(instances, day))
        remember(body, key: key, version: fresh, day: day)
        return body
    }

    private func remember(_ body: ByteBuffer, key: Key, version: Int64, day: String) {
        state.withLock { s in
            s.misses += 1
            s.clock += 1
            if let old = s.entries[key] {
                // A slower concurrent miss must not replace a newer rendering.
                if old.day == day, old.version > version { return }
                s.bytes -= old.body.readableBytes
            }
            guard body.readableBytes <= maxBytes else { s.entries[key] = nil; return }
            s.entries[key] = Entry(version: version, day: day, body: body, lastUse: s.clock)
            s.bytes += body.readableBytes
            while s.entries.count > maxEntries || s.bytes > maxBytes,
                  let oldest = s.entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
                s.bytes -= oldest.value.body.readableBytes
                s.entries[oldest.key] = nil
            }
        }
    }
}
