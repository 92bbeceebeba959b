import GRDB

extension Migrations {
    /// Backups: one row per tar archive of an instance volume, its add-on settings per
    /// instance, and the restore requests (each one an operation).
    static func v4Backups(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE backups (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                instance_id TEXT NOT NULL REFERENCES instances(id),
                org_id TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('manual', 'scheduled', 'pre_rebuild', 'pre_delete')),
                status TEXT NOT NULL CHECK (status IN ('pending', 'completed', 'failed')),
                generation INTEGER NOT NULL,
                file TEXT,
                size_bytes INTEGER,
                sha256 TEXT,
                error TEXT,
                created_at INTEGER NOT NULL,
                completed_at INTEGER,
                expires_at INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX backups_org ON backups(org_id, id);
            CREATE INDEX backups_instance ON backups(instance_id, status);
            CREATE INDEX backups_expiry ON backups(expires_at);
            CREATE UNIQUE INDEX backups_one_pre_rebuild ON backups(instance_id, generation) WHERE kind = 'pre_rebuild';
            CREATE UNIQUE INDEX backups_one_pre_delete ON backups(instance_id) WHERE kind = 'pre_delete';

            CREATE TABLE backup_addons (
                instance_id TEXT PRIMARY KEY NOT NULL REFERENCES instances(id),
                enabled INTEGER NOT NULL,
                schedule TEXT NOT NULL,
                retention_days INTEGER NOT NULL CHECK (retention_days > 0),
                next_run_at INTEGER,
                updated_at INTEGER NOT NULL
            ) STRICT;

            CREATE TABLE backup_restores (
                operation_id TEXT PRIMARY KEY NOT NULL REFERENCES operations(id),
                backup_id INTEGER NOT NULL REFERENCES backups(id) ON DELETE CASCADE,
                instance_id TEXT NOT NULL,
                done_at INTEGER
            ) STRICT;
            CREATE INDEX backup_restores_instance ON backup_restores(instance_id) WHERE done_at IS NULL;
            """)
    }
}
