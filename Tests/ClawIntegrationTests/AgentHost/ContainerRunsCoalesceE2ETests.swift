import ClawCore
import ClawTestSupport
import Foundation
import Testing

/// Schedules that cannot pile up, and a graceful stop that leaves no run container behind,
/// against the built clawd and REAL podman.
@Suite("Agent run schedules coalesce; SIGTERM removes run containers (real podman)", .serialized)
struct ContainerRunsCoalesceE2ETests {
    init() async throws { try await RunsDaemon.ensureImage() }

    /// The runs of `schedule` that are queued (not started).
    static func queued(_ d: RunsDaemon, group: String, schedule: String) async throws -> [String] {
        try await d.list("/run-history?group=\(group)&limit=500")
            .filter { $0["scheduleId"] as? String == schedule && $0["status"] as? String == "queued" }
            .compactMap { $0["runId"] as? String }
    }

    static func openRuns(_ d: RunsDaemon, group: String, schedule: String) async throws -> Int {
        try await d.list("/run-history?group=\(group)&limit=500").filter {
            $0["scheduleId"] as? String == schedule && ["queued", "running"].contains($0["status"] as? String ?? "")
        }.count
    }

    @Test("a 1 s interval whose runs take 5 s keeps at most one open run; slots in between are logged skipped")
    func intervalCoalesces() async throws {
        try await RunsDaemon.with { d in
            try await d.group("slow")
            let s = try await d.object("POST", "/schedules", [
                "name": "slow", "group": "slow", "prompt": "sleep 5; echo done",
                "schedule": ["type": "interval", "value": 1000],
            ], expect: 201)
            let id = try #require(s["id"] as? String)
            // Sampled for at least 12 s and until one run has finished (container start-up on a
            // loaded machine can take most of that window).
            var maxOpen = 0, maxQueued = 0, finished = false
            let start = ContinuousClock.now
            while !finished || ContinuousClock.now - start < .seconds(12) {
                if ContinuousClock.now - start > .seconds(90) {
                    Issue.record("no run of the schedule finished within 90 s")
                    break
                }
                maxOpen = max(maxOpen, try await Self.openRuns(d, group: "slow", schedule: id))
                maxQueued = max(maxQueued, try await Self.queued(d, group: "slow", schedule: id).count)
                finished = try await d.list("/schedules/\(id)/logs").contains { $0["status"] as? String == "success" }
                try await Task.sleep(for: .milliseconds(200))
            }
            let elapsed = Int((ContinuousClock.now - start).components.seconds)
            _ = try await d.object("PUT", "/schedules/\(id)", ["enabled": false])
            #expect(maxQueued <= 1, "\(maxQueued) queued runs of one schedule")
            #expect(maxOpen == 1, "\(maxOpen) open runs of one schedule")
            let logs = try await d.list("/schedules/\(id)/logs")
            let statuses = logs.compactMap { $0["status"] as? String }
            #expect(statuses.contains("success"), "\(statuses)")
            #expect(statuses.filter { $0 == "skipped" }.count >= 5, "\(statuses)")
            let runs = try await d.list("/run-history?group=slow&limit=500").filter { $0["scheduleId"] as? String == id }
            #expect(runs.count <= elapsed / 5 + 2, "\(runs.count) runs in \(elapsed) s of 5 s runs")
        }
    }

    @Test("pause and delete take the queued run away; a restart does not bring it back")
    func pauseAndDeleteLeaveNothingQueued() async throws {
        try await RunsDaemon.with { d in
            try await d.group("held")
            // The group's slot is taken, so the schedule's run waits in the queue.
            let blocker = try await d.submit("held", "echo up; sleep 60")
            _ = try await eventually("blocker running", timeout: .seconds(60)) {
                try await d.run(blocker)["status"] as? String == "running" ? true : nil
            }
            let s = try await d.object("POST", "/schedules", [
                "name": "held", "group": "held", "prompt": "echo tick",
                "schedule": ["type": "interval", "value": 1000],
            ], expect: 201)
            let id = try #require(s["id"] as? String)
            let first = try await eventually("a queued run", timeout: .seconds(60)) {
                try await Self.queued(d, group: "held", schedule: id).first
            }
            _ = try await eventually("two slots skipped", timeout: .seconds(60)) {
                try await d.list("/schedules/\(id)/logs").filter { $0["status"] as? String == "skipped" }.count >= 2 ? true : nil
            }
            #expect(try await Self.queued(d, group: "held", schedule: id) == [first])

            _ = try await d.object("PUT", "/schedules/\(id)", ["enabled": false])
            #expect(try await Self.queued(d, group: "held", schedule: id).isEmpty)
            #expect(try await d.send("GET", "/runs/\(first)").status == 404)
            let counts = try await d.object("GET", "/queue/counts")
            #expect(counts["pendingTasks"] as? Int == 0, "\(counts)")

            _ = try await d.object("PUT", "/schedules/\(id)", ["enabled": true])
            let second = try await eventually("queued again after resume", timeout: .seconds(60)) {
                try await Self.queued(d, group: "held", schedule: id).first
            }
            let reply = try await d.send("DELETE", "/schedules/\(id)")
            #expect(reply.status == 204 || reply.status == 200, "\(reply.status) \(reply.text)")
            #expect(try await d.send("GET", "/runs/\(second)").status == 404)
            #expect(try await d.object("GET", "/queue/counts")["pendingTasks"] as? Int == 0)

            await d.stop()
            d = try await RunsDaemon.start(dir: d.dir, install: d.install, org: d.org)
            for run in [first, second] { #expect(try await d.send("GET", "/runs/\(run)").status == 404) }
            let after = try await d.list("/run-history?group=held&limit=500")
            #expect(!after.contains { $0["scheduleId"] as? String == id && $0["status"] as? String == "queued" })
            #expect(try await d.object("GET", "/queue/counts")["pendingTasks"] as? Int == 0)
        }
    }

    @Test("SIGTERM with a long run in flight: its container is gone when clawd has exited")
    func gracefulStopRemovesRunContainers() async throws {
        try await RunsDaemon.with(env: ["CLAWD_SHUTDOWN_TIMEOUT_SECONDS": "8"]) { d in
            try await d.group("long")
            let run = try await d.submit("long", "echo up; sleep 300", kind: "task")
            _ = try await eventually("run container running", timeout: .seconds(60)) {
                try await d.agentContainers(runningOnly: true).count == 1 ? true : nil
            }
            let started = ContinuousClock.now
            d.daemon.signal(SIGTERM)
            let code = await d.daemon.waitExit(timeout: .seconds(30))
            #expect(code != nil, "clawd did not exit")
            // The budget, the group's cancellation allowance (5 s) and process teardown on a loaded
            // host; a shutdown that waited for the run would take its 300 s.
            #expect(ContinuousClock.now - started < .seconds(8 + 5 + 10), "the shutdown overran its budget")
            // No eventually: the container must be gone by the time the process has exited.
            #expect(try await d.agentContainers().isEmpty)

            d = try await RunsDaemon.start(dir: d.dir, install: d.install, org: d.org)
            let r = try await d.run(run)
            #expect(r["status"] as? String == "failed")
            #expect((r["error"] as? String)?.contains("interrupted") == true)
        }
    }
}
