import ClawCore
import ClawServices
import ClawStore
import Foundation
import Hummingbird
import ServiceLifecycle

/// The body of `GET /v1/events`: replays stored events after a cursor, then follows the store's
/// event bell (a ring after every commit that appended events, of any kind). A ring only says
/// "look again": the events themselves are always read from the table by id, so order and
/// completeness come from the database, not from memory.
struct EventStream: Sendable {
    let store: Store
    /// One org's events, or every org's (the host admin).
    let orgID: String?
    let after: Int64
    let appended: AsyncStream<Void>
    var heartbeat: Duration = .seconds(15)
    var pageSize = 500
    /// false: only the stored history after the cursor, then the stream ends (`?follow=false`).
    var follow = true
    /// false: frames without `event:` lines, so a browser's `onmessage` sees every one (the console).
    var named = true

    private enum Signal: Sendable { case change, heartbeat, dropped }

    func run(_ writer: inout any ResponseBodyWriter) async throws {
        var cursor = after
        // An early comment flushes the response head, so a client knows it is subscribed.
        try await writer.write(ByteBuffer(string: ": subscribed\nretry: 2000\n\n"))
        try await flush(&writer, &cursor)
        if !follow { return try await writer.finish(nil) }
        let (signals, signal) = AsyncStream.makeStream(of: Signal.self, bufferingPolicy: .bufferingNewest(8))
        let appended = self.appended, heartbeat = self.heartbeat
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in appended { signal.yield(.change) }
                signal.yield(.dropped)
            }
            group.addTask {
                // A daemon shutting down ends open streams at once instead of waiting out its timeout.
                try? await gracefulShutdown()
                signal.yield(.dropped)
            }
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: heartbeat)
                    signal.yield(.heartbeat)
                }
            }
            loop: for await next in signals {
                switch next {
                case .change: try await flush(&writer, &cursor)
                case .heartbeat: try await writer.write(ByteBuffer(string: ": heartbeat\n\n"))
                case .dropped: break loop
                }
            }
            group.cancelAll()
        }
        try await writer.finish(nil)
    }

    /// Writes every stored event after `cursor`, a page at a time, and advances it.
    private func flush(_ writer: inout any ResponseBodyWriter, _ cursor: inout Int64) async throws {
        while true {
            let page = try await store.events(orgID: orgID, after: cursor, limit: pageSize)
            guard let last = page.last else { return }
            var buffer = ByteBuffer()
            for event in page { buffer.writeString(Self.frame(event, named: named)) }
            try await writer.write(buffer)
            cursor = last.id
            if page.count < pageSize { return }
        }
    }

    /// `id: <n>\nevent: <type>\ndata: {"id","type","at","instanceId","data"}\n\n`
    static func frame(_ e: StoredEvent, named: Bool = true) -> String {
        func quoted(_ s: String?) -> String {
            guard let s, let data = try? JSONResponse.encoder.encode(s) else { return "null" }
            return String(decoding: data, as: UTF8.self)
        }
        // Stored data is a compact JSON object; a newline could only be JSON whitespace here.
        let data = e.dataJSON.isEmpty ? "{}" : e.dataJSON.replacingOccurrences(of: "\n", with: " ")
        let json = "{\"id\":\(e.id),\"type\":\(quoted(e.type)),\"at\":\(quoted(e.at.iso8601)),"
            + "\"instanceId\":\(quoted(e.instanceID)),\"data\":\(data)}"
        let type = e.type.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        return "id: \(e.id)\n" + (named ? "event: \(type)\n" : "") + "data: \(json)\n\n"
    }
}

extension RouterBuilding {
    static let lastEventID = HeaderName("Last-Event-ID")!

    /// `GET /v1/events`: Server-Sent Events of the org (docs/spec/native.md), every org's for the admin.
    static func addEventRoutes(_ router: Router<APIContext>, env: APIEnvironment) {
        router.get("/v1/events") { request, context in
            let after = try Self.eventCursor(request)
            let follow = try Self.queryBool(request.uri.queryParameters.get("follow"), name: "follow") ?? true
            // Subscribe before the replay reads the table, so nothing committed in between is missed.
            let stream = EventStream(store: env.store, orgID: context.orgID, after: after, appended: env.store.eventBell.subscribe(),
                                     heartbeat: env.eventHeartbeat, follow: follow)
            return Response(status: .ok,
                            headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache",
                                      HeaderName("X-Accel-Buffering")!: "no"],
                            body: ResponseBody { writer in try await stream.run(&writer) })
        }
    }

    /// `Last-Event-ID` header, else `?since=`, else 0 (everything stored).
    static func eventCursor(_ request: Request) throws -> Int64 {
        if let header = request.headers[lastEventID] {
            guard let id = Int64(header.trimmingCharacters(in: .whitespaces)), id >= 0 else {
                throw ClawError(.invalidArgument, "Last-Event-ID must be a non-negative event id", param: "Last-Event-ID")
            }
            return id
        }
        if let since = request.uri.queryParameters.get("since") {
            guard let id = Int64(since), id >= 0 else {
                throw ClawError(.invalidArgument, "since must be a non-negative event id", param: "since")
            }
            return id
        }
        return 0
    }
}
