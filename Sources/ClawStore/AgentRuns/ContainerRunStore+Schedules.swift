import ClawCore
import GRDB

/// The fields of a schedule a request sets (POST: all; PUT: the ones given).
public struct ScheduleFields: Sendable {
    public var name: String?
    public var group: String?
    public var prompt: String?
    public var schedule: RunSchedule?
    public var timeoutSecs: Int?
    public var contextMode: String?
    public var enabled: Bool?
    public init() {}
}

extension ContainerRunStore {
    public func schedules(orgID: String?) async throws(ClawError) -> [ContainerSchedule] {
        try await store.read { db in
            let rows = orgID == nil
                ? try Row.fetchAll(db, sql: "SELECT * FROM container_schedules ORDER BY created_at, id")
                : try Row.fetchAll(db, sql: "SELECT * FROM container_schedules WHERE org_id = ? ORDER BY created_at, id",
                                   arguments: [orgID])
            return rows.compactMap(Self.schedule)
        }
    }

    public func schedule(id: String, orgID: String?) async throws(ClawError) -> ContainerSchedule? {
        try await store.read { db in try Self.schedule(db, id: id, orgID: orgID) }
    }

    static func schedule(_ db: Database, id: String, orgID: String?) throws -> ContainerSchedule? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM container_schedules WHERE id = ?", arguments: [id]),
              let s = schedule(row), orgID == nil || s.orgID == orgID else { return nil }
        return s
    }

    public func createSchedule(orgID: String?, _ f: ScheduleFields, now: Timestamp = .now()) async throws(ClawError) -> ContainerSchedule {
        guard let name = f.name, let groupName = f.group, let prompt = f.prompt, let spec = f.schedule else {
            throw ClawError(.invalidArgument, "'name', 'group', 'prompt' and 'schedule' are required")
        }
        let tz = timeZone
        let s = try await store.write { db -> ContainerSchedule in
            guard let g = try Self.group(db, name: groupName, orgID: orgID) else {
                throw ClawError(.notFound, "group '\(groupName)' not found", param: "group")
            }
            let enabled = f.enabled ?? true
            var s = ContainerSchedule(id: Identifier.make(prefix: "sch_", length: 16), orgID: g.orgID, name: name,
                                      group: g.name, prompt: prompt, schedule: spec, timeoutSecs: f.timeoutSecs ?? 300,
                                      contextMode: f.contextMode ?? "group", enabled: enabled,
                                      status: enabled ? .active : .paused, createdAt: now, updatedAt: now)
            s.nextRun = enabled ? spec.first(now: now, timeZone: tz) : nil
            try Self.save(db, s, insert: true)
            return s
        }
        publish([.scheduleArmed(id: s.id, at: s.nextRun)])
        return s
    }

    /// PUT: a partial update. `enabled: false` pauses (no next run); `true` resumes from now;
    /// a new schedule value recomputes the next run. Pausing, or changing what a run is made
    /// of or when it fires, deletes the schedule's queued runs in the same transaction (a run
    /// already started finishes).
    public func updateSchedule(id: String, orgID: String?, _ f: ScheduleFields, now: Timestamp = .now()) async
        throws(ClawError) -> ContainerSchedule {
        let tz = timeZone
        let (s, removed) = try await store.write { db -> (ContainerSchedule, [String]) in
            guard var s = try Self.schedule(db, id: id, orgID: orgID) else {
                throw ClawError(.notFound, "schedule \(id) not found")
            }
            let before = s
            if let group = f.group, group != s.group {
                guard let g = try Self.group(db, name: group, orgID: orgID ?? s.orgID) else {
                    throw ClawError(.notFound, "group '\(group)' not found", param: "group")
                }
                s.group = g.name
            }
            if let name = f.name { s.name = name }
            if let prompt = f.prompt { s.prompt = prompt }
            if let t = f.timeoutSecs { s.timeoutSecs = t }
            if let m = f.contextMode { s.contextMode = m }
            let respec = f.schedule.map { $0 != s.schedule } ?? false
            if let spec = f.schedule { s.schedule = spec }
            if let enabled = f.enabled { s.enabled = enabled }
            if !s.enabled {
                if s.status != .completed || respec { s.status = .paused }
                s.nextRun = nil
            } else if s.status == .paused || respec || (f.enabled == true && s.status != .completed) {
                s.status = .active
                s.nextRun = s.schedule.first(now: now, timeZone: tz)
            }
            s.updatedAt = now
            try Self.save(db, s, insert: false)
            let edit = ScheduleEdit(pauses: before.enabled && !s.enabled,
                                    changesRunInputs: before.group != s.group || before.prompt != s.prompt
                                        || before.timeoutSecs != s.timeoutSecs || before.contextMode != s.contextMode,
                                    changesTiming: respec)
            let removed = try edit.dropsQueuedRuns ? Self.removeQueuedRuns(db, scheduleID: s.id) : []
            return (s, removed)
        }
        publish(Self.changes(removed: removed, then: .scheduleArmed(id: s.id, at: s.status == .active ? s.nextRun : nil)))
        return s
    }

    /// Deletes the schedule, its logs and its queued runs in one transaction; a run already
    /// started finishes (its result stays in the run history).
    public func deleteSchedule(id: String, orgID: String?) async throws(ClawError) {
        let removed = try await store.write { db -> [String] in
            guard try Self.schedule(db, id: id, orgID: orgID) != nil else {
                throw ClawError(.notFound, "schedule \(id) not found")
            }
            let removed = try Self.removeQueuedRuns(db, scheduleID: id)
            try db.execute(sql: "DELETE FROM container_schedules WHERE id = ?", arguments: [id])
            return removed
        }
        publish(Self.changes(removed: removed, then: .scheduleArmed(id: id, at: nil)))
    }

    /// Newest first.
    public func scheduleLogs(id: String, orgID: String?, limit: Int = 100) async throws(ClawError) -> [ScheduleLog] {
        try await store.read { db in
            guard try Self.schedule(db, id: id, orgID: orgID) != nil else {
                throw ClawError(.notFound, "schedule \(id) not found")
            }
            return try Row.fetchAll(db, sql: """
                SELECT * FROM container_schedule_logs WHERE schedule_id = ? ORDER BY id DESC LIMIT ?
                """, arguments: [id, limit]).map { r in
                ScheduleLog(runID: r["run_id"], runAt: r.ts("run_at")!, durationMs: r["duration_ms"],
                            status: ScheduleLogStatus(rawValue: r["status"]) ?? .error, result: r["result"], error: r["error"])
            }
        }
    }

    /// The next run of every active schedule (armed at boot).
    public func scheduleDeadlines() async throws(ClawError) -> [(id: String, at: Timestamp)] {
        try await store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, next_run FROM container_schedules WHERE status = 'active' AND enabled = 1 AND next_run IS NOT NULL
                """).map { ($0["id"], Timestamp(millis: $0["next_run"])) }
        }
    }

    static func save(_ db: Database, _ s: ContainerSchedule, insert: Bool) throws {
        let args: StatementArguments = [s.orgID, s.name, s.group, s.prompt, s.schedule.type, s.schedule.value, s.timeoutSecs,
                                        s.contextMode, s.enabled, s.status.rawValue, s.nextRun?.millis, s.lastRun?.millis,
                                        s.lastResult, s.createdAt.millis, s.updatedAt.millis, s.id]
        if insert {
            try db.execute(sql: """
                INSERT INTO container_schedules (org_id, name, group_name, prompt, type, value, timeout_secs, context_mode,
                    enabled, status, next_run, last_run, last_result, created_at, updated_at, id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: args)
        } else {
            try db.execute(sql: """
                UPDATE container_schedules SET org_id = ?, name = ?, group_name = ?, prompt = ?, type = ?, value = ?,
                    timeout_secs = ?, context_mode = ?, enabled = ?, status = ?, next_run = ?, last_run = ?,
                    last_result = ?, created_at = ?, updated_at = ? WHERE id = ?
                """, arguments: args)
        }
    }
}
