import GRDB

extension Migrations {
    /// Connection health: how many times in a row the connection has been tried since it was
    /// last connected (shown with `connecting`).
    static func v13ChannelHealth(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE channels ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0")
    }
}
