import GRDB

extension Migrations {
    /// The container's address on its runtime network as the engine last observed it (null while
    /// the container is not running).
    static func v14InstanceRuntimeAddress(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE instances ADD COLUMN runtime_address TEXT")
    }
}
