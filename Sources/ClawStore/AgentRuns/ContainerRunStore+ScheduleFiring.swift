import ClawCore
import GRDB

/// A schedule's slots coalesce: at most one of its runs is queued or running at a time.
extension ContainerRunStore {
    /// The timer reached `due` for schedule `id`: in one transaction, queue a task run (or, while
    /// a run of the schedule is still queued or running, log the slot as `skipped`) and move
    /// `nextRun` (a `once` completes). Guarded by the stored next run, so firing twice (or a
    /// schedule paused meanwhile) queues nothing. Answers the queued run.
    @discardableResult
    public func fireSchedule(id: String, due: Timestamp, now: Timestamp = .now()) async throws(ClawError) -> ContainerRun? {
        let tz = timeZone
        let result = try await store.write { db -> (ContainerRun?, Timestamp?)? in
            guard var s = try Self.schedule(db, id: id, orgID: nil), s.status == .active, s.enabled,
                  s.nextRun == due else { return nil }
            var run: ContainerRun?
            switch SlotDecision.decide(outstanding: try Self.outstandingRuns(db, scheduleID: id)) {
            case .queue:
                run = try Self.insertRun(db, group: s.group, orgID: s.orgID, prompt: s.prompt, kind: .task,
                                         timeoutSecs: s.timeoutSecs, scheduleID: s.id, contextMode: s.contextMode,
                                         now: now)
                s.lastRun = now
            case .skip(let holder):
                try db.execute(sql: """
                    INSERT INTO container_schedule_logs (schedule_id, run_id, run_at, duration_ms, status, result, error)
                    VALUES (?, ?, ?, 0, ?, NULL, ?)
                    """, arguments: [id, holder.runID, due.millis, ScheduleLogStatus.skipped.rawValue,
                                     "run \(holder.runID) of this schedule is still \(holder.status.rawValue)"])
            }
            s.nextRun = s.schedule.next(afterSlot: due, now: now, timeZone: tz)
            if s.nextRun == nil { s.status = .completed }
            s.updatedAt = now
            try Self.save(db, s, insert: false)
            return (run, s.nextRun)
        }
        guard let (run, next) = result else { return nil }
        var changes: [ContainerChange] = []
        if let run { changes.append(.runQueued(run.queued)) }
        changes.append(.scheduleArmed(id: id, at: next))
        publish(changes)
        return run
    }

    /// `runsRemoved` (when any run was removed) before `last`.
    static func changes(removed: [String], then last: ContainerChange) -> [ContainerChange] {
        removed.isEmpty ? [last] : [.runsRemoved(removed), last]
    }

    /// Deletes the schedule's runs that have not started; answers their ids.
    static func removeQueuedRuns(_ db: Database, scheduleID: String) throws -> [String] {
        let ids = try String.fetchAll(db, sql: "SELECT id FROM container_runs WHERE schedule_id = ? AND status = 'queued'",
                                      arguments: [scheduleID])
        try db.execute(sql: "DELETE FROM container_runs WHERE schedule_id = ? AND status = 'queued'", arguments: [scheduleID])
        try runsRemoved(db, ids: ids, now: .now())
        return ids
    }

    /// The schedule's runs that are queued or running.
    static func outstandingRuns(_ db: Database, scheduleID: String) throws -> [OutstandingRun] {
        try Row.fetchAll(db, sql: """
            SELECT id, status FROM container_runs WHERE schedule_id = ? AND status IN ('queued', 'running') ORDER BY seq
            """, arguments: [scheduleID]).map { OutstandingRun(runID: $0["id"], status: RunStatus(rawValue: $0["status"]) ?? .queued) }
    }
}
