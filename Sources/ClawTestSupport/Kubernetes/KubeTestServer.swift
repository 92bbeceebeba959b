import Foundation
import Hummingbird
import Synchronization

/// A small Kubernetes API server for the behaviours kmock does not have, each written from the
/// Kubernetes API documentation (sections cited where implemented): server-side apply with field
/// managers and conflicts, watches that resume from a resourceVersion, send bookmarks and answer
/// 410 Gone for a compacted one, watch connections that drop, and pod logs. Objects of any kind
/// are kept as JSON under their collection path; a single resourceVersion counter orders every
/// write, as etcd's revision does. It stands in for the platform and knows nothing of clawd.
public final class KubeTestServer: Sendable {
    /// A watch request as it came.
    public struct WatchRequest: Sendable, Equatable {
        public var path: String
        public var resourceVersion: String?
        public var labelSelector: String?
        public var allowWatchBookmarks: Bool
    }

    struct Stored {
        var object: KubeJSON
        /// The fields each manager owns ("Server-Side Apply: Field management").
        var managers: [String: Set<[String]>]
    }

    struct Event {
        var resourceVersion: Int
        var collection: String
        var type: String
        var object: KubeJSON
    }

    enum Frame: Sendable {
        case line(Data)
        case end
        case drop
    }

    struct Watcher {
        var id: Int
        var collection: String
        var selector: String?
        var bookmarks: Bool
        var out: AsyncStream<Frame>.Continuation
    }

    struct State {
        var resourceVersion = 1
        var objects: [String: Stored] = [:]
        var events: [Event] = []
        /// Events at or before this resourceVersion are forgotten; older watches get 410.
        var compactedThrough = 0
        var watchers: [Watcher] = []
        var nextWatcher = 1
        var watchRequests: [WatchRequest] = []
        var refusingWatches = false
        var goneAsHTTPStatus = false
        var logs: [String: String] = [:]
    }

    public let port: Int
    let state = Mutex(State())

    public init() throws {
        port = try TestPaths.freePort()
    }

    /// The API server URL, `http://127.0.0.1:<port>`.
    public var url: String { "http://127.0.0.1:\(port)" }

    // MARK: test controls

    /// Every watch request received, oldest first.
    public var watchRequests: [WatchRequest] { state.withLock { $0.watchRequests } }
    /// Watch connections open now.
    public var liveWatches: Int { state.withLock { $0.watchers.count } }
    /// The resourceVersion of the last write.
    public var resourceVersion: Int { state.withLock { $0.resourceVersion } }

    /// Sends a `BOOKMARK` with the current resourceVersion on every open watch that allows them
    /// ("Watch bookmarks": the object has the watched kind and only `metadata.resourceVersion`).
    public func bookmark() {
        state.withLock { s in
            let line = Self.line(type: "BOOKMARK", object: .object(["metadata": .object(["resourceVersion": .string(String(s.resourceVersion))])]))
            for w in s.watchers where w.bookmarks { w.out.yield(.line(line)) }
        }
    }

    /// Breaks every open watch connection mid-stream, without ending its body.
    public func dropWatches() {
        state.withLock { s in
            for w in s.watchers { w.out.yield(.drop) }
            s.watchers.removeAll()
        }
    }

    /// Forgets the history up to now, as etcd compaction does: a watch from an older
    /// resourceVersion is answered 410 Gone ("Resource versions: 410 Gone responses").
    public func compact() {
        state.withLock { s in
            s.compactedThrough = s.resourceVersion
            s.events.removeAll()
        }
    }

    /// While set, a watch request is answered 503 (counted in `watchRequests`).
    public func refuseWatches(_ refuse: Bool) { state.withLock { $0.refusingWatches = refuse } }

    /// 410 for a compacted resourceVersion as the HTTP status of the watch request instead of
    /// an `ERROR` event in a 200 stream (API servers have answered both ways).
    public func answerGoneAsHTTPStatus(_ on: Bool) { state.withLock { $0.goneAsHTTPStatus = on } }

    /// The log text of a pod's container (`container` nil: its only one).
    public func setLog(pod: String, namespace: String, container: String? = nil, _ text: String) {
        state.withLock { $0.logs["\(namespace)/\(pod)/\(container ?? "")"] = text }
    }

    /// An object as stored (`collection` e.g. `/api/v1/namespaces/ns/configmaps`).
    public func object(_ collection: String, _ name: String) -> KubeJSON? {
        state.withLock { $0.objects[collection + "/" + name]?.object }
    }

    /// The fields `manager` owns of an object, as dotted paths (`data.key`).
    public func ownedFields(_ collection: String, _ name: String, manager: String) -> Set<String> {
        state.withLock { s in Set((s.objects[collection + "/" + name]?.managers[manager] ?? []).map { $0.joined(separator: ".") }) }
    }

    static func line(type: String, object: KubeJSON) -> Data {
        KubeJSON.object(["type": .string(type), "object": object]).encoded() + Data("\n".utf8)
    }
}
