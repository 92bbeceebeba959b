import GRDB

extension Migrations {
    /// A schedule's log line may be `skipped` (a slot that came while a run of the schedule was
    /// still queued or running); a schedule's open runs are found by index. SQLite cannot alter a
    /// CHECK, so the log table is copied into one that allows the new status.
    static func v10ScheduleCoalescing(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE container_schedule_logs_next (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                schedule_id TEXT NOT NULL REFERENCES container_schedules(id) ON DELETE CASCADE,
                run_id TEXT NOT NULL,
                run_at INTEGER NOT NULL,
                duration_ms INTEGER NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('success', 'error', 'skipped')),
                result TEXT,
                error TEXT
            ) STRICT;
            INSERT INTO container_schedule_logs_next (id, schedule_id, run_id, run_at, duration_ms, status, result, error)
                SELECT id, schedule_id, run_id, run_at, duration_ms, status, result, error FROM container_schedule_logs;
            DROP TABLE container_schedule_logs;
            ALTER TABLE container_schedule_logs_next RENAME TO container_schedule_logs;
            CREATE INDEX container_schedule_logs_schedule ON container_schedule_logs(schedule_id, id);
            CREATE INDEX container_runs_schedule_open ON container_runs(schedule_id, status)
                WHERE status IN ('queued', 'running');
            """)
    }
}
