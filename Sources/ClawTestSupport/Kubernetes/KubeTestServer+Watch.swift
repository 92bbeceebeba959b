import Foundation
import Hummingbird
import NIOCore

extension KubeTestServer {
    struct Dropped: Error {}

    enum WatchStart {
        case stream(id: Int)
        case goneStatus(String)
        case goneEvent(String)
    }

    /// A watch ("API Concepts: Efficient detection of changes"): from `resourceVersion` the
    /// changes after it; without one (or "0") the current objects as ADDED first; a compacted
    /// resourceVersion is 410 Gone ("Resource versions"), sent as an `ERROR` event with a
    /// Status, or as the HTTP status. Newline-delimited JSON events until the connection ends.
    func watch(_ target: Target, _ query: [String: String]) -> Response {
        let request = WatchRequest(path: target.collection, resourceVersion: query["resourceVersion"],
                                   labelSelector: query["labelSelector"], allowWatchBookmarks: query["allowWatchBookmarks"] == "true")
        let selector = KubeLabelSelector(request.labelSelector)
        let since = request.resourceVersion.flatMap(Int.init).flatMap { $0 == 0 ? nil : $0 }
        let (frames, out) = AsyncStream.makeStream(of: Frame.self)
        let start = state.withLock { s -> WatchStart? in
            s.watchRequests.append(request)
            if s.refusingWatches { return nil }
            if let since, since < s.compactedThrough {
                let message = "too old resource version: \(since) (\(s.compactedThrough))"
                return s.goneAsHTTPStatus ? .goneStatus(message) : .goneEvent(message)
            }
            if let since {
                for e in s.events where e.resourceVersion > since && e.collection == target.collection && selector.matches(e.object.labels) {
                    out.yield(.line(Self.line(type: e.type, object: e.object)))
                }
            } else {
                for (key, stored) in s.objects.sorted(by: { $0.key < $1.key })
                where key.hasPrefix(target.collection + "/") && selector.matches(stored.object.labels) {
                    out.yield(.line(Self.line(type: "ADDED", object: stored.object)))
                }
            }
            let id = s.nextWatcher
            s.nextWatcher += 1
            s.watchers.append(Watcher(id: id, collection: target.collection, selector: request.labelSelector,
                                      bookmarks: request.allowWatchBookmarks, out: out))
            return .stream(id: id)
        }
        switch start {
        case nil:
            return Self.status(503, "ServiceUnavailable", "the server is currently unable to handle the request")
        case .goneStatus(let message)?:
            return Self.status(410, "Expired", message)
        case .goneEvent(let message)?:
            let status: KubeJSON = .object(["kind": .string("Status"), "apiVersion": .string("v1"), "metadata": .object([:]),
                                            "status": .string("Failure"), "message": .string(message),
                                            "reason": .string("Expired"), "code": .number(410)])
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(bytes: Self.line(type: "ERROR", object: status))))
        case .stream(let id)?:
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody { writer in
                defer { self.state.withLock { s in s.watchers.removeAll { $0.id == id } } }
                for await frame in frames {
                    switch frame {
                    case .line(let data): try await writer.write(ByteBuffer(bytes: data))
                    case .end: try await writer.finish(nil); return
                    case .drop: throw Dropped()
                    }
                }
                try await writer.finish(nil)
            })
        }
    }
}
