import ClawCore
import ClawRuntime
import ClawTestSupport
import Foundation
import GRDB
import Testing

/// Schedules and crash recovery of agent runs against the built clawd and REAL podman.
@Suite("Agent run schedules and recovery against real podman", .serialized)
struct ContainerRunsScheduleE2ETests {
    init() async throws { try await RunsDaemon.ensureImage() }

    static func schedule(_ d: RunsDaemon, group: String, type: String, value: Any, enabled: Bool = true) async throws -> String {
        let s = try await d.object("POST", "/schedules", [
            "name": group, "group": group, "prompt": "echo fired", "schedule": ["type": type, "value": value],
            "containerConfig": ["timeoutSecs": 30], "enabled": enabled,
        ], expect: 201)
        return try #require(s["id"] as? String)
    }

    /// Runs of `group`, oldest first.
    static func runs(_ d: RunsDaemon, _ group: String) async throws -> [[String: Any]] {
        try await d.list("/run-history?group=\(group)&limit=500").reversed()
    }

    @Test("interval 2 s fires repeatedly, once fires once and completes, paused never fires; a restart does not replay missed slots")
    func schedules() async throws {
        try await RunsDaemon.with { d in
            for g in ["every", "single", "paused"] { try await d.group(g) }
            let every = try await Self.schedule(d, group: "every", type: "interval", value: 2000)
            let at = Timestamp(millis: Timestamp.now().millis + 2000).iso8601
            let single = try await Self.schedule(d, group: "single", type: "once", value: at)
            _ = try await Self.schedule(d, group: "paused", type: "interval", value: 1000, enabled: false)

            _ = try await eventually("three interval runs", timeout: .seconds(60)) {
                try await Self.runs(d, "every").filter { $0["status"] as? String == "succeeded" }.count >= 3 ? true : nil
            }
            let once = try await eventually("once completed", timeout: .seconds(30)) { () -> [String: Any]? in
                let s = try await d.object("GET", "/schedules/\(single)")
                return s["status"] as? String == "completed" ? s : nil
            }
            #expect(once["nextRun"] is NSNull)
            // Two more interval slots pass: the completed once-schedule and the paused one stay quiet.
            let seen = try await Self.runs(d, "every").count
            _ = try await eventually("two more interval runs", timeout: .seconds(60)) {
                try await Self.runs(d, "every").count >= seen + 2 ? true : nil
            }
            #expect(try await Self.runs(d, "single").count == 1)
            let logs = try await d.list("/schedules/\(single)/logs")
            #expect(logs.count == 1)
            #expect(logs.first?["status"] as? String == "success")
            #expect(try await Self.runs(d, "paused").isEmpty)
            let everyLogs = try await d.list("/schedules/\(every)/logs")
            #expect(everyLogs.count >= 3)
            // Slots stay on the 2 s grid: created times of the runs are ~2 s apart, not bunched.
            let created = try await Self.runs(d, "every").compactMap { ($0["createdAt"] as? String).flatMap { Timestamp(iso8601: $0) } }
            for (a, b) in zip(created, created.dropFirst()) { #expect(b.millis - a.millis >= 1500) }

            // Down across four slots: the stopped daemon's schedule is moved 8 s (4 intervals) into
            // the past, as if it had been down that long. Up again: at most one catch-up run.
            let before = try await Self.runs(d, "every").count
            await d.stop()
            let db = try DatabaseQueue(path: d.databasePath)
            try await db.write { db in
                try db.execute(sql: "UPDATE container_schedules SET next_run = next_run - 8000 WHERE id = ?", arguments: [every])
            }
            try db.close()
            let down = Timestamp.now()
            d = try await RunsDaemon.start(dir: d.dir, install: d.install, org: d.org)
            let ready = Timestamp.now()
            _ = try await eventually("interval continues after restart", timeout: .seconds(30)) {
                try await Self.runs(d, "every").count >= before + 3 ? true : nil
            }
            let burst = try await Self.runs(d, "every").filter {
                let t = ($0["createdAt"] as? String).flatMap { Timestamp(iso8601: $0) } ?? down
                return t >= down && t.millis < ready.millis + 1800
            }
            #expect(burst.count <= 2, "\(burst.count) runs right after the restart")
            let s = try await d.object("GET", "/schedules/\(every)")
            #expect(s["status"] as? String == "active")
            #expect(try await Self.runs(d, "paused").isEmpty)
            _ = try await d.object("PUT", "/schedules/\(every)", ["enabled": false])
        }
    }

    @Test("clawd killed with runs in flight: after restart no agent container is left and the runs are final")
    func killedInFlight() async throws {
        try await RunsDaemon.with { d in
            try await d.group("a")
            try await d.group("b")
            let a = try await d.submit("a", "echo up; sleep 120")
            let b = try await d.submit("b", "echo up; sleep 120", kind: "task")
            let queued = try await d.submit("a", "echo later")
            _ = try await eventually("both containers running", timeout: .seconds(60)) {
                try await d.agentContainers(runningOnly: true).count == 2 ? true : nil
            }
            let metrics = try await d.object("GET", "/metrics")
            #expect(metrics["activeRuns"] as? Int == 2)
            #expect(metrics["containers"] as? Int == 2)
            #expect((metrics["memoryBytes"] as? Int ?? 0) > 0, "\(metrics)")
            d.daemon.signal(SIGKILL)
            _ = await d.daemon.waitExit(timeout: .seconds(10))
            #expect(try await d.agentContainers(runningOnly: true).count == 2)  // podman keeps them running

            d = try await RunsDaemon.start(dir: d.dir, install: d.install, org: d.org)
            // Recovery ran before READY: the interrupted runs are final and their containers gone.
            for id in [a, b] {
                let r = try await d.run(id)
                #expect(r["status"] as? String == "failed")
                #expect((r["error"] as? String)?.contains("interrupted") == true)
            }
            let later = try #require(try await d.waitFinal([queued])[queued])
            #expect(later["status"] as? String == "succeeded")
            #expect(later["output"] as? String == "later")
            _ = try await eventually("no agent container left", timeout: .seconds(30)) {
                try await d.agentContainers().isEmpty ? true : nil
            }
        }
    }
}
