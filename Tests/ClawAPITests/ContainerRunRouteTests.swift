@testable import ClawAPI
import ClawCore
import ClawStore
import ClawTestSupport
import Foundation
import Synchronization
import Testing

/// The live queue without a runtime: the pure `RunQueue` fed by the store's hook, so the
/// routes' answers about the queue are the real state machine's.
final class PureQueueView: RunQueueView, ContainerChangeSubscriber {
    let queue = Mutex(RunQueue(maxConcurrent: 2))
    func counts() -> QueueCounts { queue.withLock { $0.counts } }
    func groups() -> [QueueGroupState] { queue.withLock { $0.groups } }
    func group(_ name: String) -> QueueGroupState { queue.withLock { $0.group(named: name) } }
    func setMaxConcurrent(_ n: Int) { _ = queue.withLock { $0.setMaxConcurrent(n) } }
    func containerStats() async -> (cpuPercent: Double, memoryBytes: Int64, containers: Int)? { nil }
    func containerChanged(_ changes: [ContainerChange]) {
        for case .runQueued(let r) in changes { _ = queue.withLock { $0.submit(r) } }
    }
}

@Suite("Container API agent-run routes: namespaces, runs, queue, schedules, monitoring")
struct ContainerRunRouteTests {
    static func harness() throws -> (Harness, ContainerRunStore, PureQueueView) {
        var h = try Harness()
        let view = PureQueueView()
        let runs = ContainerRunStore(store: h.store, files: ContainerFiles(dataDir: try TestPaths.makeTempDir("cr")),
                                     subscribers: [view])
        h.env.containerRuns = ContainerRunsAPI(runs: runs, queue: view, instanceCounts: { ["RUNNING": 0] })
        return (h, runs, view)
    }

    @Test("namespace CRUD with name rules, another org's group is 404, errors in the container shape")
    func namespaces() async throws {
        let (h, _, _) = try Self.harness()
        let a = try await h.org(), b = try await h.org()
        try await h.test { api in
            let created = try await api.call(.post, "/api/v1/container/namespaces", as: a,
                                             json: #"{"name":"team-1","description":"d","chatJids":["tg:1"]}"#)
            #expect(created.status == 201)
            #expect(created["name"] as? String == "team-1")
            #expect(created["chatJids"] as? [String] == ["tg:1"])
            for bad in ["global", "../x", "-rm", "A", "a/b", ""] {
                let r = try await api.call(.post, "/api/v1/container/namespaces", as: a, json: "{\"name\":\"\(bad)\"}")
                #expect(r.status == 400, "\(bad)")
                #expect(r["code"] as? String == "invalid_argument")
                #expect(r["error"] is String)
            }
            let dup = try await api.call(.post, "/api/v1/container/namespaces", as: b, json: #"{"name":"team-1"}"#)
            #expect(dup.status == 409)
            #expect(try await api.call(.get, "/api/v1/container/namespaces/team-1", as: b).status == 404)
            #expect(try await api.call(.delete, "/api/v1/container/namespaces/team-1", as: b).status == 404)
            let unknown = try await api.call(.post, "/api/v1/container/namespaces", as: a, json: #"{"name":"x","bogus":1}"#)
            #expect(unknown.status == 400)
            let put = try await api.call(.put, "/api/v1/container/namespaces/team-1", as: a, json: #"{"description":"new"}"#)
            #expect(put["description"] as? String == "new")
            #expect(put["chatJids"] as? [String] == ["tg:1"])
            let list = try await api.call(.get, "/api/v1/container/namespaces", as: b)
            #expect(list.text == "[]")
            _ = try await api.call(.put, "/api/v1/container/namespaces/global/instructions", as: a, json: #"{"content":"G"}"#)
            _ = try await api.call(.put, "/api/v1/container/namespaces/team-1/instructions", as: a, json: #"{"content":"T\nline"}"#)
            let merged = try await api.call(.post, "/api/v1/container/namespaces/merge-instructions", as: a, json: #"{"name":"team-1"}"#)
            #expect(merged["merged"] as? String == "G\n\nT\nline")
            #expect(merged["sources"] as? [String] == ["global", "team-1"])
            #expect(try await api.call(.put, "/api/v1/container/namespaces/team-1/instructions", as: b,
                                       json: #"{"content":"x"}"#).status == 404)
            #expect(try await api.call(.delete, "/api/v1/container/namespaces/team-1", as: a).status == 204)
            #expect(try await api.call(.get, "/api/v1/container/namespaces/team-1", as: a).status == 404)
        }
    }

    @Test("POST /runs queues (202), the queue shows one active per group and the cap; max-concurrent validates")
    func runsAndQueue() async throws {
        let (base, _, view) = try Self.harness()
        var h = base
        let a = try await h.org(), b = try await h.org()
        // The cap is host-wide: org a's key may change it as a container operator.
        h.env.containerOperatorOrgs = [a.id]
        try await h.test { api in
            for g in ["g1", "g2", "g3"] {
                _ = try await api.call(.post, "/api/v1/container/namespaces", as: a, json: "{\"name\":\"\(g)\"}")
            }
            var ids: [String] = []
            for g in ["g1", "g1", "g2", "g3"] {
                let r = try await api.call(.post, "/api/v1/container/runs", as: a, json: "{\"group\":\"\(g)\",\"prompt\":\"hi\"}")
                #expect(r.status == 202)
                #expect(r["status"] as? String == "queued")
                ids.append(try #require(r["runId"] as? String))
            }
            let counts = try await api.call(.get, "/api/v1/container/queue/counts", as: a)
            #expect(counts["active"] as? Int == 2)
            #expect(counts["maxConcurrent"] as? Int == 2)
            #expect(counts["pendingMessages"] as? Int == 2)
            let g1 = try await api.call(.get, "/api/v1/container/queue/groups/g1", as: a)
            #expect(g1["active"] as? Bool == true)
            #expect(g1["runId"] as? String == ids[0])
            #expect(g1["pendingMessages"] as? Int == 1)
            #expect(try await api.call(.get, "/api/v1/container/queue/groups/g1", as: b).status == 404)
            #expect(try await api.call(.get, "/api/v1/container/runs/\(ids[0])", as: b).status == 404)
            let run = try await api.call(.get, "/api/v1/container/runs/\(ids[0])", as: a)
            #expect(run["status"] as? String == "queued")
            #expect(run["group"] as? String == "g1")
            #expect(try await api.call(.post, "/api/v1/container/runs", as: b, json: #"{"group":"g1","prompt":"x"}"#).status == 404)
            #expect(try await api.call(.post, "/api/v1/container/runs", as: a, json: #"{"group":"g1"}"#).status == 400)
            #expect(try await api.call(.post, "/api/v1/container/runs", as: a,
                                       json: #"{"group":"g1","prompt":"x","timeoutSecs":-1}"#).status == 400)
            for bad in [#"{"maxConcurrent":0}"#, #"{"maxConcurrent":"3"}"#, #"{}"#, #"{"maxConcurrent":2.5}"#] {
                #expect(try await api.call(.put, "/api/v1/container/queue/max-concurrent", as: a, json: bad).status == 400)
            }
            #expect(view.counts().maxConcurrent == 2)
            let put = try await api.call(.put, "/api/v1/container/queue/max-concurrent", as: a, json: #"{"maxConcurrent":3}"#)
            #expect(put["maxConcurrent"] as? Int == 3)
            #expect(view.counts().active == 3)
            let groups = try await api.call(.get, "/api/v1/container/queue/groups", as: b)
            #expect(groups.text == "[]")
            // A group with an active run cannot be deleted.
            #expect(try await api.call(.delete, "/api/v1/container/namespaces/g2", as: a).status == 409)
        }
    }

    @Test("schedules: 201 with nextRun, bad cron or interval is 422 naming the problem, pause, logs, 404 across orgs")
    func schedules() async throws {
        let (h, _, _) = try Self.harness()
        let a = try await h.org(), b = try await h.org()
        try await h.test { api in
            _ = try await api.call(.post, "/api/v1/container/namespaces", as: a, json: #"{"name":"g"}"#)
            let body = #"{"name":"n","group":"g","prompt":"p","schedule":{"type":"interval","value":60000},"containerConfig":{"timeoutSecs":30}}"#
            let created = try await api.call(.post, "/api/v1/container/schedules", as: a, json: body)
            #expect(created.status == 201)
            #expect(created["status"] as? String == "active")
            #expect(created["nextRun"] is String)
            #expect((created["containerConfig"] as? [String: Any])?["timeoutSecs"] as? Int == 30)
            let id = try #require(created["id"] as? String)
            let cases: [(String, String)] = [
                (#"{"type":"cron","value":"0 25 * * *"}"#, "hour"),
                (#"{"type":"cron","value":"* *"}"#, "5 fields"),
                (#"{"type":"interval","value":10}"#, "between"),
                (#"{"type":"once","value":"tomorrow"}"#, "ISO-8601"),
                (#"{"type":"weekly","value":"x"}"#, "cron, interval or once"),
            ]
            for (schedule, words) in cases {
                let r = try await api.call(.post, "/api/v1/container/schedules", as: a,
                                           json: #"{"name":"n","group":"g","prompt":"p","schedule":"# + schedule + "}")
                #expect(r.status == 422, "\(schedule)")
                #expect((r["error"] as? String)?.contains(words) == true, "\(r.text)")
            }
            #expect(try await api.call(.post, "/api/v1/container/schedules", as: a,
                                       json: #"{"name":"n","group":"g","prompt":"p"}"#).status == 400)
            #expect(try await api.call(.post, "/api/v1/container/schedules", as: b, json: body).status == 404)
            let paused = try await api.call(.put, "/api/v1/container/schedules/\(id)", as: a, json: #"{"enabled":false}"#)
            #expect(paused["status"] as? String == "paused")
            #expect(paused["nextRun"] is NSNull)
            let resumed = try await api.call(.put, "/api/v1/container/schedules/\(id)", as: a, json: #"{"enabled":true}"#)
            #expect(resumed["status"] as? String == "active")
            #expect(try await api.call(.get, "/api/v1/container/schedules/\(id)/logs", as: a).text == "[]")
            #expect(try await api.call(.get, "/api/v1/container/schedules/\(id)", as: b).status == 404)
            #expect(try await api.call(.delete, "/api/v1/container/schedules/\(id)", as: b).status == 404)
            #expect(try await api.call(.delete, "/api/v1/container/schedules/\(id)", as: a).status == 204)
            #expect(try await api.call(.get, "/api/v1/container/schedules/\(id)", as: a).status == 404)
        }
    }

    @Test("audit log records mutating calls of every dialect and denied requests; run history, metrics, analytics")
    func monitoring() async throws {
        let (h, _, _) = try Self.harness()
        let a = try await h.org()
        try await h.test { api in
            _ = try await api.call(.post, "/api/v1/container/namespaces", as: a, json: #"{"name":"g"}"#)
            _ = try await api.call(.post, "/api/v1/container/namespaces", as: a, json: #"{"name":"BAD"}"#)
            _ = try await api.call(.post, "/api/v1/container/runs", as: a, json: #"{"group":"g","prompt":"x"}"#)
            _ = try await api.call(.post, "/v1/claw/instances", as: a, json: #"{"subdomain":"bot-a"}"#)
            _ = try await api.call(.post, "/api/v1/container/runs", as: TestOrg(id: a.id, key: "claw_wrong"), json: "{}")
            let log = try await api.call(.get, "/api/v1/container/audit-log?limit=50", as: a)
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(log.text.utf8)) as? [[String: Any]])
            let summary = entries.map { "\($0["action"]!) \($0["target"]!) \($0["outcome"]!)" }
            #expect(summary.contains("POST /api/v1/container/namespaces 201"))
            #expect(summary.contains("POST /api/v1/container/namespaces invalid_argument"))
            #expect(summary.contains("POST /api/v1/container/runs 202"))
            #expect(summary.contains("POST /v1/claw/instances 201"))
            #expect(entries.allSatisfy { ($0["actor"] as? String)?.hasPrefix("key:") == true })
            #expect(try await api.call(.get, "/api/v1/container/audit-log?since=yesterday", as: a).status == 400)
            let history = try await api.call(.get, "/api/v1/container/run-history?group=g", as: a)
            #expect(history.text.contains("\"status\":\"queued\""))
            let metrics = try await api.call(.get, "/api/v1/container/metrics", as: a)
            #expect(metrics["activeRuns"] as? Int == 1)
            #expect(metrics["maxConcurrent"] as? Int == 2)
            let analytics = try await api.call(.get, "/api/v1/container/analytics?days=3", as: a)
            #expect((analytics["daily"] as? [Any])?.count == 3)
            #expect(try await api.call(.get, "/api/v1/container/analytics?days=0", as: a).status == 400)
        }
        try await h.test(.adminSocket) { api in
            // Denied requests carry no org: the admin sees them in the unfiltered log.
            let all = try await api.call(.get, "/api/v1/container/audit-log")
            #expect(all.text.contains("\"denied\""))
            #expect(all.text.contains("\"unauthenticated\""))
        }
    }
}
