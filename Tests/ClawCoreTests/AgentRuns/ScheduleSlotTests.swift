import ClawCore
import Testing

@Suite("Schedules coalesce: one open run per schedule, edits that drop queued runs")
struct ScheduleSlotTests {
    static func r(_ id: String, _ status: RunStatus) -> OutstandingRun { OutstandingRun(runID: id, status: status) }

    @Test("a due slot queues only when no run of the schedule is queued or running", arguments: [
        ([], SlotDecision.queue),
        ([r("a", .succeeded), r("b", .failed), r("c", .timeout)], .queue),
        ([r("a", .queued)], .skip(heldBy: r("a", .queued))),
        ([r("a", .running)], .skip(heldBy: r("a", .running))),
        ([r("a", .queued), r("b", .running)], .skip(heldBy: r("b", .running))),
        ([r("a", .failed), r("b", .queued)], .skip(heldBy: r("b", .queued))),
    ] as [([OutstandingRun], SlotDecision)])
    func decide(outstanding: [OutstandingRun], expected: SlotDecision) {
        #expect(SlotDecision.decide(outstanding: outstanding) == expected)
    }

    @Test("pausing, or changing a run's inputs or the timing, drops queued runs; nothing else does", arguments: [
        (ScheduleEdit(), false),
        (ScheduleEdit(pauses: true), true),
        (ScheduleEdit(changesRunInputs: true), true),
        (ScheduleEdit(changesTiming: true), true),
        (ScheduleEdit(pauses: true, changesRunInputs: true, changesTiming: true), true),
    ])
    func edits(edit: ScheduleEdit, drops: Bool) {
        #expect(edit.dropsQueuedRuns == drops)
    }

    @Test("the log statuses the API answers")
    func logStatuses() {
        #expect(ScheduleLogStatus.allCases.map(\.rawValue) == ["success", "error", "skipped"])
    }
}
