import GRDB

extension Migrations {
    /// The gateway session of a connection (Discord), so a restart resumes it.
    static func v16DiscordGatewaySession(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE channels ADD COLUMN gateway_session_id TEXT;
            ALTER TABLE channels ADD COLUMN gateway_resume_url TEXT;
            """)
    }
}
