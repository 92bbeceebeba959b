import GRDB

extension Migrations {
    /// Connection health: how many times in a row the connection has been tried since it was
    /// last connected (shown with `connecting`); and the chat run a run was queued again for,
    /// after clawd died while it ran (queued again once, never a retry of a retry).
    static func v13ChannelHealth(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE channels ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE channel_runs ADD COLUMN retry_of TEXT;
            """)
    }
}
