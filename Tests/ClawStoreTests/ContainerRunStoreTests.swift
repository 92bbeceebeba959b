import ClawCore
@testable import ClawStore
import ClawTestSupport
import Foundation
import Synchronization
import Testing

@Suite("Container run rows: groups, runs, schedules fired once, audit (real SQLite file)")
struct ContainerRunStoreTests {
    final class Changes: ContainerChangeSubscriber, Sendable {
        let list = Mutex<[ContainerChange]>([])
        func withLock<T>(_ body: (inout [ContainerChange]) -> T) -> T { list.withLock { body(&$0) } }
        func containerChanged(_ changes: [ContainerChange]) { list.withLock { $0 += changes } }
    }

    static func make() throws -> (ContainerRunStore, Changes, String) {
        let dir = try TestPaths.makeTempDir("runs")
        let store = try Store(path: dir + "/clawd.sqlite")
        let changes = Changes()
        let runs = ContainerRunStore(store: store, files: ContainerFiles(dataDir: dir), defaultTimeoutSecs: 60,
                                     subscribers: [changes])
        return (runs, changes, dir)
    }

    static func at(_ s: String) -> Timestamp { Timestamp(iso8601: s)! }

    @Test("a group gets its directories; names are unique; another org sees nothing; instructions merge")
    func groups() async throws {
        let (runs, _, dir) = try Self.make()
        let g = try await runs.createGroup(orgID: "o1", name: "team", description: "d", isMain: false, chatJids: ["tg:1"])
        for sub in ["groups/team", "sessions/team", "ipc/team/input", "ipc/team/messages", "ipc/team/tasks"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/" + sub), "\(sub)")
        }
        await #expect(throws: ClawError.self) { try await runs.createGroup(orgID: "o2", name: "team", description: "", isMain: false, chatJids: []) }
        await #expect(throws: ClawError.self) { try await runs.createGroup(orgID: "o1", name: "global", description: "", isMain: false, chatJids: []) }
        await #expect(try runs.group(name: "team", orgID: "o2") == nil)
        await #expect(try runs.group(name: "team", orgID: nil) == g)
        try runs.files.writeInstructions("global", content: "be nice")
        try runs.files.writeInstructions("team", content: "ship it")
        #expect(try runs.files.mergedInstructions("team") == "be nice\n\nship it")
        #expect(try runs.files.instructions("team") == "ship it")
        let updated = try await runs.updateGroup(name: "team", orgID: "o1", description: nil, chatJids: [])
        #expect(updated.description == "d" && updated.chatJids.isEmpty)
    }

    @Test("a run is queued before the queue hears of it; running, then final with timings; history newest first")
    func runLifecycle() async throws {
        let (runs, changes, _) = try Self.make()
        _ = try await runs.createGroup(orgID: "o1", name: "g", description: "", isMain: false, chatJids: [])
        let r1 = try await runs.enqueueRun(group: "g", orgID: "o1", prompt: "p", kind: .message, timeoutSecs: nil)
        #expect(r1.status == .queued && r1.timeoutSecs == 60)
        #expect(changes.withLock { $0 } == [.runQueued(r1.queued)])
        await #expect(throws: ClawError.self) { try await runs.enqueueRun(group: "g", orgID: "o2", prompt: "p", kind: .message, timeoutSecs: 1) }
        try await runs.markRunning(id: r1.id, containerName: "c1", now: Timestamp(millis: 1000))
        await #expect(throws: ClawError.self) { try await runs.deleteGroup(name: "g", orgID: "o1") }
        let done = try await #require(try runs.finishRun(id: r1.id, status: .succeeded, output: "ok", error: nil,
                                                  now: Timestamp(millis: 3500)))
        #expect(done.durationMs == 2500 && done.status == .succeeded)
        // A final status is never overwritten.
        try await runs.finishRun(id: r1.id, status: .failed, output: nil, error: "late")
        await #expect(try runs.run(id: r1.id, orgID: "o1")?.status == .succeeded)
        await #expect(try runs.run(id: r1.id, orgID: "o2") == nil)
        let r2 = try await runs.enqueueRun(group: "g", orgID: nil, prompt: "p2", kind: .task, timeoutSecs: 0)
        await #expect(try runs.runs(orgID: "o1", limit: 10).map(\.id) == [r2.id, r1.id])
        await #expect(try runs.queuedRuns().map(\.id) == [r2.id])
    }

    @Test("at boot, runs that were running are failed; queued ones stay queued")
    func interrupted() async throws {
        let (runs, _, _) = try Self.make()
        _ = try await runs.createGroup(orgID: "o1", name: "g", description: "", isMain: false, chatJids: [])
        let a = try await runs.enqueueRun(group: "g", orgID: nil, prompt: "a", kind: .message, timeoutSecs: 5)
        let b = try await runs.enqueueRun(group: "g", orgID: nil, prompt: "b", kind: .message, timeoutSecs: 5)
        try await runs.markRunning(id: a.id, containerName: "ca")
        let failed = try await runs.failInterruptedRuns()
        #expect(failed.map(\.id) == [a.id])
        await #expect(try runs.run(id: a.id, orgID: nil)?.status == .failed)
        await #expect(try runs.run(id: a.id, orgID: nil)?.error?.contains("interrupted") == true)
        await #expect(try runs.run(id: b.id, orgID: nil)?.status == .queued)
    }

    @Test("an interval schedule fires once per slot, stays on its grid, skips missed slots; pause and once")
    func scheduleFiring() async throws {
        let (runs, changes, _) = try Self.make()
        _ = try await runs.createGroup(orgID: "o1", name: "g", description: "", isMain: false, chatJids: [])
        var f = ScheduleFields()
        (f.name, f.group, f.prompt) = ("s", "g", "tick")
        f.schedule = try RunSchedule(type: "interval", value: "2000")
        let t0 = Self.at("2026-03-10T10:00:00Z")
        let s = try await runs.createSchedule(orgID: "o1", f, now: t0)
        #expect(s.nextRun == Timestamp(millis: t0.millis + 2000))
        let due = s.nextRun!
        let run = try await #require(try runs.fireSchedule(id: s.id, due: due, now: due))
        #expect(run.kind == .task && run.scheduleID == s.id)
        await #expect(try runs.fireSchedule(id: s.id, due: due, now: due) == nil)  // twice: nothing
        // Down for 10 s: the slot (skipped: the first run is still queued), then the next slot on
        // the grid after now.
        let next = Timestamp(millis: due.millis + 2000)
        await #expect(try runs.fireSchedule(id: s.id, due: next, now: Timestamp(millis: next.millis + 10_500)) == nil)
        await #expect(try runs.schedule(id: s.id, orgID: nil)?.nextRun == Timestamp(millis: next.millis + 12_000))
        changes.withLock { $0 = [] }
        var pause = ScheduleFields()
        pause.enabled = false
        let paused = try await runs.updateSchedule(id: s.id, orgID: "o1", pause)
        #expect(paused.status == .paused && paused.nextRun == nil)
        // Pausing takes the still queued run away with it.
        #expect(changes.withLock { $0 } == [.runsRemoved([run.id]), .scheduleArmed(id: s.id, at: nil)])
        await #expect(try runs.fireSchedule(id: s.id, due: Timestamp(millis: next.millis + 12_000)) == nil)

        var once = ScheduleFields()
        (once.name, once.group, once.prompt) = ("o", "g", "one")
        once.schedule = try RunSchedule(type: "once", value: "2026-03-10T11:00:00Z")
        let o = try await runs.createSchedule(orgID: "o1", once, now: t0)
        _ = try await runs.fireSchedule(id: o.id, due: o.nextRun!, now: o.nextRun!)
        let completed = try await #require(try runs.schedule(id: o.id, orgID: nil))
        #expect(completed.status == .completed && completed.nextRun == nil)
        await #expect(try runs.scheduleDeadlines().isEmpty)
    }

    @Test("a scheduled run's end is logged on its schedule, newest first")
    func scheduleLogs() async throws {
        let (runs, _, _) = try Self.make()
        _ = try await runs.createGroup(orgID: "o1", name: "g", description: "", isMain: false, chatJids: [])
        var f = ScheduleFields()
        (f.name, f.group, f.prompt) = ("s", "g", "tick")
        f.schedule = try RunSchedule(type: "interval", value: "1000")
        let s = try await runs.createSchedule(orgID: "o1", f, now: Timestamp(millis: 0))
        let r1 = try await #require(try runs.fireSchedule(id: s.id, due: Timestamp(millis: 1000), now: Timestamp(millis: 1000)))
        try await runs.markRunning(id: r1.id, containerName: "x", now: Timestamp(millis: 1000))
        try await runs.finishRun(id: r1.id, status: .succeeded, output: "fine", error: nil, now: Timestamp(millis: 1200))
        let r2 = try await #require(try runs.fireSchedule(id: s.id, due: Timestamp(millis: 2000), now: Timestamp(millis: 2000)))
        try await runs.finishRun(id: r2.id, status: .timeout, output: nil, error: "silent", now: Timestamp(millis: 2500))
        let logs = try await runs.scheduleLogs(id: s.id, orgID: "o1")
        #expect(logs.map(\.runID) == [r2.id, r1.id])
        #expect(logs.map(\.status) == [.error, .success])
        #expect(logs[1].durationMs == 200 && logs[1].result == "fine")
        await #expect(try runs.schedule(id: s.id, orgID: nil)?.lastResult?.hasPrefix("error") == true)
        await #expect(throws: ClawError.self) { try await runs.scheduleLogs(id: s.id, orgID: "o2") }
    }

    @Test("the audit log answers newest first, filtered by org and time")
    func audit() async throws {
        let (runs, _, _) = try Self.make()
        for i in 0..<3 {
            await runs.audit(AuditEntry(at: Timestamp(millis: Int64(i) * 1000), orgID: i == 2 ? "o2" : "o1", actor: "admin",
                                  action: "POST", target: "/x/\(i)", outcome: "201"))
        }
        await #expect(try runs.auditLog(orgID: "o1", since: nil, limit: 10).map(\.target) == ["/x/1", "/x/0"])
        await #expect(try runs.auditLog(orgID: nil, since: Timestamp(millis: 1000), limit: 10).map(\.target) == ["/x/2", "/x/1"])
        await #expect(try runs.auditLog(orgID: nil, since: nil, limit: 1).count == 1)
    }
}
