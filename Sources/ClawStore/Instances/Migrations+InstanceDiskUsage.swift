import GRDB

extension Migrations {
    /// Each instance's volume size as last measured, and when (both null until the first
    /// measurement).
    static func v11InstanceDiskUsage(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE instances ADD COLUMN disk_bytes INTEGER CHECK (disk_bytes IS NULL OR disk_bytes >= 0);
            ALTER TABLE instances ADD COLUMN disk_measured_at INTEGER;
            """)
    }
}
