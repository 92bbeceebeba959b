import GRDB

extension Migrations {
    /// A counter per org (and `*` for all orgs) that every change to `instances` bumps in the
    /// same transaction, by trigger, so a cached rendering of an org's instance list can be
    /// checked for freshness with one indexed read — whoever wrote the row (clawd, a migration,
    /// or `sqlite3` by hand).
    static func v8InstanceListVersions(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE instance_list_versions (
                org_id TEXT PRIMARY KEY NOT NULL,
                version INTEGER NOT NULL
            ) STRICT;

            CREATE TRIGGER instances_version_insert AFTER INSERT ON instances BEGIN
                INSERT INTO instance_list_versions (org_id, version) VALUES (NEW.org_id, 1), ('*', 1)
                    ON CONFLICT (org_id) DO UPDATE SET version = version + 1;
            END;

            CREATE TRIGGER instances_version_update AFTER UPDATE ON instances BEGIN
                INSERT INTO instance_list_versions (org_id, version) VALUES (NEW.org_id, 1), ('*', 1)
                    ON CONFLICT (org_id) DO UPDATE SET version = version + 1;
                INSERT INTO instance_list_versions (org_id, version)
                    SELECT OLD.org_id, 1 WHERE OLD.org_id IS NOT NEW.org_id
                    ON CONFLICT (org_id) DO UPDATE SET version = version + 1;
            END;

            CREATE TRIGGER instances_version_delete AFTER DELETE ON instances BEGIN
                INSERT INTO instance_list_versions (org_id, version) VALUES (OLD.org_id, 1), ('*', 1)
                    ON CONFLICT (org_id) DO UPDATE SET version = version + 1;
            END;
            """)
    }
}
