/// How a schedule's log line ended: its run succeeded or failed, or the slot was skipped
/// because a run of the same schedule still held it.
public enum ScheduleLogStatus: String, Sendable, Codable, CaseIterable {
    case success, error, skipped
}

/// A run of a schedule that is not final yet (queued or running).
public struct OutstandingRun: Sendable, Equatable {
    public var runID: String
    public var status: RunStatus

    public init(runID: String, status: RunStatus) {
        self.runID = runID
        self.status = status
    }
}

/// What a due slot of a schedule does (NanoClaw never queues a task that is already pending):
/// at most one run of a schedule is queued or running at any time.
public enum SlotDecision: Sendable, Equatable {
    /// Queue a run for the slot.
    case queue
    /// Log the slot as `skipped`: `heldBy` is still queued or running.
    case skip(heldBy: OutstandingRun)

    /// The slot's decision, from the schedule's runs that are not final (any order). A final
    /// run in the list holds nothing.
    public static func decide(outstanding: [OutstandingRun]) -> SlotDecision {
        let open = outstanding.filter { !$0.status.isFinal }
        // A running run is the better reason to name: it is the one the slot waits for.
        guard let holder = open.first(where: { $0.status == .running }) ?? open.first else { return .queue }
        return .skip(heldBy: holder)
    }
}

/// Which edits of a schedule take its queued (not started) runs away: a run is made from the
/// schedule's group, prompt, timeout and session mode, and belongs to its timing, so pausing or
/// changing any of them drops what was queued under the old values. A rename keeps them.
public struct ScheduleEdit: Sendable, Equatable {
    public var pauses: Bool
    public var changesRunInputs: Bool
    public var changesTiming: Bool

    public init(pauses: Bool = false, changesRunInputs: Bool = false, changesTiming: Bool = false) {
        self.pauses = pauses
        self.changesRunInputs = changesRunInputs
        self.changesTiming = changesTiming
    }

    public var dropsQueuedRuns: Bool { pauses || changesRunInputs || changesTiming }
}
