@testable import ClawAPI
import AsyncHTTPClient
import ClawCore
import ClawStore
import ClawWire
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// One parsed Server-Sent Event.
struct SSEFrame: Sendable, Equatable {
    var id: Int64
    var event: String
    var data: [String: String]
    var instanceID: String?
}

/// Reads `/v1/events` over a real socket and parses frames as they arrive.
struct SSEClient {
    var iterator: HTTPClientResponse.Body.AsyncIterator
    var pending = ""
    var comments = 0
    /// Frames read while waiting for comments, handed out first by `next()`.
    var early: [SSEFrame] = []

    /// The next event frame (comments are counted and skipped).
    mutating func next() async throws -> SSEFrame? {
        if !early.isEmpty { return early.removeFirst() }
        return try await read(untilComments: nil)
    }

    /// Reads until `count` comments (heartbeats) have arrived in all; frames met on the way are
    /// kept for `next()`. A stream that sends none fails by the request's read timeout.
    mutating func awaitComments(_ count: Int) async throws {
        while comments < count {
            guard let frame = try await read(untilComments: count) else {
                if comments < count { throw ClawError(.internal, "the stream ended after \(comments) comments") }
                return
            }
            early.append(frame)
        }
    }

    private mutating func read(untilComments target: Int?) async throws -> SSEFrame? {
        while true {
            if let target, comments >= target { return nil }
            if let range = pending.range(of: "\n\n") {
                let block = String(pending[..<range.lowerBound])
                pending.removeSubrange(..<range.upperBound)
                if let frame = try Self.parse(block) { return frame }
                comments += 1
                continue
            }
            guard let buffer = try await iterator.next() else { return nil }
            pending += String(buffer: buffer)
        }
    }

    static func parse(_ block: String) throws -> SSEFrame? {
        var id: Int64?, event: String?, data: String?
        for line in block.split(separator: "\n") {
            if line.hasPrefix("id: ") { id = Int64(line.dropFirst(4)) }
            if line.hasPrefix("event: ") { event = String(line.dropFirst(7)) }
            if line.hasPrefix("data: ") { data = String(line.dropFirst(6)) }
        }
        guard let id, let event, let data else { return nil }
        // The data line is the wire model clawctl reads.
        let frame = try Wire.decode(EventDTO.self, from: Data(data.utf8))
        #expect(frame.id == id)
        #expect(frame.type == event)
        #expect(frame.at.hasSuffix("Z"))
        return SSEFrame(id: id, event: event, data: frame.data.object?.compactMapValues(\.string) ?? [:],
                        instanceID: frame.instanceId)
    }
}

@Suite("Events: Server-Sent Events")
struct EventStreamTests {
    func withEvents(_ h: Harness, listener: Listener = .tcp,
                    _ body: @escaping @Sendable (API, _ open: @escaping @Sendable (String, [String: String]) async throws -> SSEResponse) async throws -> Void) async throws {
        let app = Application(router: h.router(listener), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            do {
                try await body(API(client: client)) { path, headers in
                    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
                    for (k, v) in headers { request.headers.add(name: k, value: v) }
                    let response = try await http.execute(request, timeout: .seconds(20))
                    return SSEResponse(status: Int(response.status.code),
                                       contentType: response.headers.first(name: "content-type"),
                                       client: SSEClient(iterator: response.body.makeAsyncIterator()))
                }
            } catch {
                try? await http.shutdown()
                throw error
            }
            try await http.shutdown()
        }
    }

    struct SSEResponse {
        var status: Int
        var contentType: String?
        var client: SSEClient
    }

    @Test("replays the org's stored events after Last-Event-ID in order, then follows new ones live")
    func replayThenFollow() async throws {
        let h = try Harness(heartbeat: .milliseconds(100))
        let org = try await h.org()
        let other = try await h.org()
        try await withEvents(h) { api, open in
            _ = try await api.create(org, "first")
            _ = try await api.create(org, "second")
            _ = try await api.create(other, "foreign")
            let stored = try await h.store.events(orgID: org.id, after: 0)
            #expect(stored.count >= 4)
            let cursor = stored[1].id
            var sse = try await open("/v1/events", ["Authorization": "Bearer \(org.key)", "Last-Event-ID": "\(cursor)"])
            #expect(sse.status == 200)
            #expect(sse.contentType?.hasPrefix("text/event-stream") == true)
            var replayed: [SSEFrame] = []
            for _ in stored.dropFirst(2) { replayed.append(try #require(try await sse.client.next())) }
            #expect(replayed.map(\.id) == stored.dropFirst(2).map(\.id))
            #expect(replayed.map(\.event) == stored.dropFirst(2).map(\.type))

            let live = try #require(try await api.create(org, "live")["id"] as? String)
            _ = try await api.create(other, "foreign2")
            let liveStored = try await h.store.events(orgID: org.id, after: stored.last!.id)
            var followed: [SSEFrame] = []
            for _ in liveStored { followed.append(try #require(try await sse.client.next())) }
            #expect(followed.map(\.id) == liveStored.map(\.id))
            #expect(followed.allSatisfy { $0.instanceID == live })
            #expect(followed.first?.event == "instance.created")
            #expect(followed.first?.data["subdomain"] == "live")
            #expect(followed.map(\.id) == followed.map(\.id).sorted())
        }
    }

    @Test("?since= replays like Last-Event-ID; idle streams get heartbeat comments and stay open")
    func sinceAndHeartbeat() async throws {
        let h = try Harness(heartbeat: .milliseconds(50))
        let org = try await h.org()
        try await withEvents(h) { api, open in
            _ = try await api.create(org, "sincebot")
            let stored = try await h.store.events(orgID: org.id, after: 0)
            let cursor = stored[stored.count - 2].id
            var sse = try await open("/v1/events?since=\(cursor)", ["Authorization": "Bearer \(org.key)"])
            let replayed = try #require(try await sse.client.next())
            #expect(replayed.id == stored.last!.id)
            try await sse.client.awaitComments(3)
            _ = try await api.create(org, "afterbeat")
            let next = try #require(try await sse.client.next())
            #expect(next.id > stored.last!.id)
            #expect(next.event == "instance.created")
            #expect(sse.client.comments >= 3)
        }
    }

    @Test("an event that is no instance change (a credit) reaches an open stream at once; another org's does not")
    func nonInstanceEventsAreLive() async throws {
        let h = try Harness(heartbeat: .seconds(30))
        let org = try await h.org()
        let other = try await h.org()
        try await withEvents(h) { _, open in
            let before = try await h.store.events(orgID: org.id, after: 0).last?.id ?? 0
            var sse = try await open("/v1/events?since=\(before)", ["Authorization": "Bearer \(org.key)"])
            try await sse.client.awaitComments(1)
            _ = try await h.store.credit(orgID: other.id, amount: Cents(500), description: "other org")
            _ = try await h.store.credit(orgID: org.id, amount: Cents(700), description: "top-up")
            let frame = try #require(try await sse.client.next())
            #expect(frame.event == "billing.credited", "\(frame)")
            let stored = try await h.store.events(orgID: org.id, after: before)
            #expect(frame.id == stored.last?.id)
        }
    }

    @Test("without a key the stream is refused with 401 in the envelope")
    func unauthenticated() async throws {
        let h = try Harness()
        try await h.test { api in
            let r = try await api.call(.get, "/v1/events")
            #expect(r.status == 401)
            #expect(r.errorType == "authentication_error")
        }
    }

    @Test("the host admin on the socket without X-Clawd-Org sees every org's events")
    func adminSeesAll() async throws {
        let h = try Harness(heartbeat: .milliseconds(100))
        let a = try await h.org()
        let b = try await h.org()
        try await withEvents(h, listener: .adminSocket) { api, open in
            _ = try await api.call(.post, "/v1/claw/instances", socketOrg: a.id, json: #"{"subdomain":"abot"}"#)
            _ = try await api.call(.post, "/v1/claw/instances", socketOrg: b.id, json: #"{"subdomain":"bbot"}"#)
            let stored = try await h.store.events(orgID: nil, after: 0)
            var sse = try await open("/v1/events", [:])
            var frames: [SSEFrame] = []
            for _ in stored { frames.append(try #require(try await sse.client.next())) }
            #expect(frames.map(\.id) == stored.map(\.id))
            let orgs = Set(stored.compactMap(\.orgID))
            #expect(orgs == [a.id, b.id])
            var scoped = try await open("/v1/events", ["X-Clawd-Org": a.id])
            let first = try #require(try await scoped.client.next())
            await #expect(try h.store.events(orgID: a.id, after: 0).first?.id == first.id)
        }
    }
}
