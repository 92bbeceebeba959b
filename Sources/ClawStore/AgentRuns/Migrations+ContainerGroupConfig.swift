import GRDB

extension Migrations {
    /// A group's `containerConfig` (extra mounts, checked at each run start)
    /// and the session mode a run was queued with (`group`: the group's sessions directory;
    /// `isolated`: a fresh one deleted after the run).
    static func v9ContainerGroupConfig(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE container_groups ADD COLUMN container_config_json TEXT NOT NULL DEFAULT '{}';
            ALTER TABLE container_runs ADD COLUMN context_mode TEXT NOT NULL DEFAULT 'group'
                CHECK (context_mode IN ('group', 'isolated'));
            """)
    }
}
