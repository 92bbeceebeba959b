import ClawCore
@testable import ClawStore
import ClawTestSupport
import Foundation
import Testing

@Suite("Schedules coalesce in the store: skipped slots, queued runs removed with pause, edit and delete")
struct ScheduleCoalescingStoreTests {
    typealias Changes = ContainerRunStoreTests.Changes

    static func interval(_ runs: ContainerRunStore, ms: Int64 = 1000, now: Timestamp = Timestamp(millis: 0)) async throws
        -> ContainerSchedule {
        var f = ScheduleFields()
        (f.name, f.group, f.prompt) = ("s", "g", "tick")
        f.schedule = try RunSchedule(type: "interval", value: String(ms))
        return try await runs.createSchedule(orgID: "o1", f, now: now)
    }

    static func t(_ ms: Int64) -> Timestamp { Timestamp(millis: ms) }

    @Test("a slot while the schedule's run is queued or running is logged skipped; the grid moves on")
    func skipsWhileOpen() async throws {
        let (runs, changes, _) = try ContainerRunStoreTests.make()
        _ = try await runs.createGroup(orgID: "o1", name: "g", description: "", isMain: false, chatJids: [])
        let s = try await Self.interval(runs)
        let first = try await #require(try runs.fireSchedule(id: s.id, due: Self.t(1000), now: Self.t(1000)))
        changes.withLock { $0 = [] }
        // Still queued: skipped, no run, the next slot armed.
        await #expect(try runs.fireSchedule(id: s.id, due: Self.t(2000), now: Self.t(2000)) == nil)
        #expect(changes.withLock { $0 } == [.scheduleArmed(id: s.id, at: Self.t(3000))])
        // Running: skipped as well.
        #expect(try await runs.markRunning(id: first.id, containerName: "c", now: Self.t(2500)))
        await #expect(try runs.fireSchedule(id: s.id, due: Self.t(3000), now: Self.t(3000)) == nil)
        await #expect(try runs.runs(orgID: "o1", limit: 10).map(\.id) == [first.id])
        let stored = try await #require(try runs.schedule(id: s.id, orgID: nil))
        #expect(stored.nextRun == Self.t(4000) && stored.lastRun == Self.t(1000))
        // Finished: the next slot queues again.
        try await runs.finishRun(id: first.id, status: .succeeded, output: "ok", error: nil, now: Self.t(3500))
        let second = try await #require(try runs.fireSchedule(id: s.id, due: Self.t(4000), now: Self.t(4000)))
        let logs = try await runs.scheduleLogs(id: s.id, orgID: "o1")
        #expect(logs.map(\.status) == [.success, .skipped, .skipped])
        #expect(logs[1].runID == first.id && logs[1].runAt == Self.t(3000) && logs[1].durationMs == 0)
        #expect(logs[1].error?.contains("running") == true && logs[2].error?.contains("queued") == true)
        await #expect(try runs.queuedRuns().map(\.id) == [second.id])
    }

    @Test("pause, a change of prompt or timing, and delete remove queued runs in the same commit; a rename keeps them")
    func editsRemoveQueued() async throws {
        let (runs, changes, dir) = try ContainerRunStoreTests.make()
        _ = try await runs.createGroup(orgID: "o1", name: "g", description: "", isMain: false, chatJids: [])
        let s = try await Self.interval(runs)
        let queued = try await #require(try runs.fireSchedule(id: s.id, due: Self.t(1000), now: Self.t(1000)))

        var rename = ScheduleFields()
        rename.name = "renamed"
        _ = try await runs.updateSchedule(id: s.id, orgID: "o1", rename, now: Self.t(1100))
        await #expect(try runs.queuedRuns().map(\.id) == [queued.id])

        changes.withLock { $0 = [] }
        var pause = ScheduleFields()
        pause.enabled = false
        _ = try await runs.updateSchedule(id: s.id, orgID: "o1", pause, now: Self.t(1200))
        #expect(changes.withLock { $0 } == [.runsRemoved([queued.id]), .scheduleArmed(id: s.id, at: nil)])
        await #expect(try runs.run(id: queued.id, orgID: nil) == nil)
        // The queue may already have handed it to the executor: it starts nothing.
        #expect(try await runs.markRunning(id: queued.id, containerName: "c") == false)

        var resume = ScheduleFields()
        resume.enabled = true
        let resumed = try await runs.updateSchedule(id: s.id, orgID: "o1", resume, now: Self.t(2000))
        await #expect(try runs.queuedRuns().isEmpty)
        let again = try await #require(try runs.fireSchedule(id: s.id, due: resumed.nextRun!, now: resumed.nextRun!))
        var prompt = ScheduleFields()
        prompt.prompt = "tock"
        _ = try await runs.updateSchedule(id: s.id, orgID: "o1", prompt, now: Self.t(3100))
        await #expect(try runs.run(id: again.id, orgID: nil) == nil)

        // Delete: the queued run goes, the running one stays and finishes.
        let current = try await #require(try runs.schedule(id: s.id, orgID: nil))
        let running = try await #require(try runs.fireSchedule(id: s.id, due: current.nextRun!, now: current.nextRun!))
        #expect(try await runs.markRunning(id: running.id, containerName: "r"))
        var timing = ScheduleFields()
        timing.schedule = try RunSchedule(type: "interval", value: "5000")
        _ = try await runs.updateSchedule(id: s.id, orgID: "o1", timing, now: Self.t(10_000))
        await #expect(try runs.run(id: running.id, orgID: nil)?.status == .running)
        changes.withLock { $0 = [] }
        try await runs.deleteSchedule(id: s.id, orgID: "o1")
        #expect(changes.withLock { $0 } == [.scheduleArmed(id: s.id, at: nil)])
        await #expect(try runs.run(id: running.id, orgID: nil)?.status == .running)
        try await runs.finishRun(id: running.id, status: .succeeded, output: "done", error: nil)

        // A fresh store on the same file (clawd restarted) finds nothing queued.
        let reopened = ContainerRunStore(store: try Store(path: dir + "/clawd.sqlite"), files: ContainerFiles(dataDir: dir),
                                         subscribers: [])
        await #expect(try reopened.queuedRuns().isEmpty)
        await #expect(try reopened.run(id: running.id, orgID: nil)?.status == .succeeded)
    }

    @Test("deleting a schedule with a queued run removes it; the run rows of other schedules stay")
    func deleteRemovesQueued() async throws {
        let (runs, changes, _) = try ContainerRunStoreTests.make()
        _ = try await runs.createGroup(orgID: "o1", name: "g", description: "", isMain: false, chatJids: [])
        let a = try await Self.interval(runs)
        let b = try await Self.interval(runs)
        let ra = try await #require(try runs.fireSchedule(id: a.id, due: Self.t(1000), now: Self.t(1000)))
        let rb = try await #require(try runs.fireSchedule(id: b.id, due: Self.t(1000), now: Self.t(1000)))
        changes.withLock { $0 = [] }
        try await runs.deleteSchedule(id: a.id, orgID: "o1")
        #expect(changes.withLock { $0 } == [.runsRemoved([ra.id]), .scheduleArmed(id: a.id, at: nil)])
        await #expect(try runs.queuedRuns().map(\.id) == [rb.id])
        await #expect(throws: ClawError.self) { try await runs.deleteSchedule(id: b.id, orgID: "o2") }
        await #expect(try runs.queuedRuns().map(\.id) == [rb.id])
    }
}
