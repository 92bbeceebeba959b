import GRDB

extension Migrations {
    /// Agent runs of the container API: groups (namespaces), agent runs with their history,
    /// schedules and their logs, and the audit log.
    static func v7ContainerRuns(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE container_groups (
                name TEXT PRIMARY KEY NOT NULL,
                id TEXT NOT NULL UNIQUE,
                org_id TEXT NOT NULL,
                description TEXT NOT NULL DEFAULT '',
                is_main INTEGER NOT NULL DEFAULT 0,
                chat_jids_json TEXT NOT NULL DEFAULT '[]',
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX container_groups_org ON container_groups(org_id, name);

            CREATE TABLE container_runs (
                id TEXT PRIMARY KEY NOT NULL,
                seq INTEGER NOT NULL UNIQUE,
                group_name TEXT NOT NULL,
                org_id TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('task', 'message')),
                prompt TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'timeout')),
                output TEXT,
                error TEXT,
                timeout_secs INTEGER NOT NULL,
                attempt INTEGER NOT NULL DEFAULT 0,
                schedule_id TEXT,
                container_name TEXT,
                created_at INTEGER NOT NULL,
                started_at INTEGER,
                finished_at INTEGER,
                duration_ms INTEGER
            ) STRICT;
            CREATE INDEX container_runs_open ON container_runs(status) WHERE status IN ('queued', 'running');
            CREATE INDEX container_runs_group ON container_runs(group_name, seq);
            CREATE INDEX container_runs_org ON container_runs(org_id, seq);
            CREATE INDEX container_runs_created ON container_runs(created_at);

            CREATE TABLE container_schedules (
                id TEXT PRIMARY KEY NOT NULL,
                org_id TEXT NOT NULL,
                name TEXT NOT NULL,
                group_name TEXT NOT NULL,
                prompt TEXT NOT NULL,
                type TEXT NOT NULL CHECK (type IN ('cron', 'interval', 'once')),
                value TEXT NOT NULL,
                timeout_secs INTEGER NOT NULL,
                context_mode TEXT NOT NULL CHECK (context_mode IN ('group', 'isolated')),
                enabled INTEGER NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'completed')),
                next_run INTEGER,
                last_run INTEGER,
                last_result TEXT,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX container_schedules_org ON container_schedules(org_id, created_at);

            CREATE TABLE container_schedule_logs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                schedule_id TEXT NOT NULL REFERENCES container_schedules(id) ON DELETE CASCADE,
                run_id TEXT NOT NULL,
                run_at INTEGER NOT NULL,
                duration_ms INTEGER NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('success', 'error')),
                result TEXT,
                error TEXT
            ) STRICT;
            CREATE INDEX container_schedule_logs_schedule ON container_schedule_logs(schedule_id, id);

            CREATE TABLE container_audit (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at INTEGER NOT NULL,
                org_id TEXT,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                target TEXT NOT NULL,
                outcome TEXT NOT NULL,
                detail TEXT
            ) STRICT;
            CREATE INDEX container_audit_at ON container_audit(at);
            CREATE INDEX container_audit_org ON container_audit(org_id, id);
            """)
    }
}
