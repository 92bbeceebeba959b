import ClawCore
import GRDB

extension ContainerRunStore {
    /// `POST /container/runs` (and a schedule firing): the run is `queued` in the database,
    /// then the queue hears of it.
    public func enqueueRun(group: String, orgID: String?, prompt: String, kind: RunKind, timeoutSecs: Int?,
                           now: Timestamp = .now()) async throws(ClawError) -> ContainerRun {
        let timeout = timeoutSecs ?? defaultTimeoutSecs
        let run = try await store.write { db -> ContainerRun in
            guard let g = try Self.group(db, name: group, orgID: orgID) else {
                throw ClawError(.notFound, "group '\(group)' not found", param: "group")
            }
            return try Self.insertRun(db, group: g.name, orgID: g.orgID, prompt: prompt, kind: kind, timeoutSecs: timeout,
                                      scheduleID: nil, now: now)
        }
        publish([.runQueued(run.queued)])
        return run
    }

    static func insertRun(_ db: Database, group: String, orgID: String, prompt: String, kind: RunKind, timeoutSecs: Int,
                          scheduleID: String?, contextMode: String = "group", now: Timestamp) throws -> ContainerRun {
        let seq = (try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM container_runs") ?? 0) + 1
        let run = ContainerRun(id: Identifier.make(prefix: "run_", length: 20), group: group, orgID: orgID, kind: kind,
                               prompt: prompt, status: .queued, timeoutSecs: timeoutSecs, attempt: 0,
                               scheduleID: scheduleID, contextMode: contextMode, createdAt: now)
        try db.execute(sql: """
            INSERT INTO container_runs (id, seq, group_name, org_id, kind, prompt, status, timeout_secs, schedule_id,
                context_mode, created_at)
            VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?)
            """, arguments: [run.id, seq, group, orgID, kind.rawValue, prompt, timeoutSecs, scheduleID, contextMode,
                             now.millis])
        try runCreated(db, run, now: now)
        return run
    }

    public func run(id: String, orgID: String?) async throws(ClawError) -> ContainerRun? {
        try await store.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM container_runs WHERE id = ?", arguments: [id]) else {
                return nil
            }
            let run = Self.run(row)
            return orgID == nil || run.orgID == orgID ? run : nil
        }
    }

    /// Run history, newest first.
    public func runs(orgID: String?, group: String? = nil, limit: Int) async throws(ClawError) -> [ContainerRun] {
        try await store.read { db in
            var sql = "SELECT * FROM container_runs WHERE 1"
            var args: [any DatabaseValueConvertible] = []
            if let orgID { sql += " AND org_id = ?"; args.append(orgID) }
            if let group { sql += " AND group_name = ?"; args.append(group) }
            sql += " ORDER BY seq DESC LIMIT ?"
            args.append(limit)
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(Self.run)
        }
    }

    /// Runs still queued, oldest first (the queue is rebuilt from them at boot).
    public func queuedRuns() async throws(ClawError) -> [ContainerRun] {
        try await store.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM container_runs WHERE status = 'queued' ORDER BY seq").map(Self.run)
        }
    }

    /// Intent before the runtime: the run is `running` under `containerName` before that container
    /// exists. False when the run is no longer queued (its schedule removed it): start nothing.
    @discardableResult
    public func markRunning(id: String, containerName: String, now: Timestamp = .now()) async throws(ClawError) -> Bool {
        try await store.write { db in
            try db.execute(sql: """
                UPDATE container_runs SET status = 'running', container_name = ?, started_at = ?, error = NULL
                WHERE id = ? AND status = 'queued'
                """, arguments: [containerName, now.millis, id])
            guard db.changesCount == 1 else { return false }
            try Self.runMoved(db, id: id, to: .running, error: nil, now: now)
            return true
        }
    }

    /// A failed message run waits for its retry: `queued` again with its attempt count.
    public func markRetrying(id: String, attempt: Int, error: String, now: Timestamp = .now()) async throws(ClawError) {
        try await store.write { db in
            try db.execute(sql: "UPDATE container_runs SET status = 'queued', attempt = ?, error = ? WHERE id = ?",
                           arguments: [attempt, error, id])
            try Self.runMoved(db, id: id, to: .queued, error: error, now: now)
        }
    }

    /// The run's final status, output and timings; a scheduled run also logs into its schedule.
    @discardableResult
    public func finishRun(id: String, status: RunStatus, output: String?, error: String?,
                          now: Timestamp = .now()) async throws(ClawError) -> ContainerRun? {
        try await store.write { db -> ContainerRun? in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM container_runs WHERE id = ?", arguments: [id]) else {
                return nil
            }
            var run = Self.run(row)
            guard !run.status.isFinal else { return run }
            let duration = run.startedAt.map { now.millis - $0.millis } ?? 0
            (run.status, run.output, run.error, run.finishedAt, run.durationMs) = (status, output, error, now, duration)
            try db.execute(sql: """
                UPDATE container_runs SET status = ?, output = ?, error = ?, finished_at = ?, duration_ms = ? WHERE id = ?
                """, arguments: [status.rawValue, output, error, now.millis, duration, id])
            try Self.runMoved(db, id: id, to: status, error: error, now: now)
            if let scheduleID = run.scheduleID {
                let ok = status == .succeeded
                let summary = String((ok ? output : error)?.prefix(2000) ?? "")
                try db.execute(sql: """
                    INSERT INTO container_schedule_logs (schedule_id, run_id, run_at, duration_ms, status, result, error)
                    SELECT id, ?, ?, ?, ?, ?, ? FROM container_schedules WHERE id = ?
                    """, arguments: [id, (run.startedAt ?? now).millis, duration,
                                     (ok ? ScheduleLogStatus.success : .error).rawValue,
                                     ok ? output.map { String($0.prefix(64 * 1024)) } : nil, ok ? nil : error, scheduleID])
                try db.execute(sql: "UPDATE container_schedules SET last_result = ? WHERE id = ?",
                               arguments: [(ok ? "success: " : "error: ") + summary.prefix(500), scheduleID])
            }
            return run
        }
    }

    /// Boot: runs that were `running` when the daemon died are failed (their containers are the
    /// executor's to remove). Answers them.
    public func failInterruptedRuns(now: Timestamp = .now()) async throws(ClawError) -> [ContainerRun] {
        let running = try await store.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM container_runs WHERE status = 'running' ORDER BY seq").map(Self.run)
        }
        for run in running {
            try await finishRun(id: run.id, status: .failed, output: nil,
                          error: "interrupted: clawd stopped while the run was in flight", now: now)
        }
        return running
    }
}
