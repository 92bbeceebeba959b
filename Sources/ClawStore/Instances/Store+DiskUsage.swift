import ClawCore
import GRDB

extension Store {
    /// Records a measurement of the instance's volume (inside the caller's transaction). Only
    /// these two columns change, so no intent written meanwhile is overwritten.
    public static func recordDiskUsage(_ db: Database, instanceID: String, bytes: Int64, at: Timestamp) throws {
        try db.execute(sql: "UPDATE instances SET disk_bytes = ?, disk_measured_at = ? WHERE id = ?",
                       arguments: [max(0, bytes), at.millis, instanceID])
    }

    /// The instances whose volume is worth measuring: every one that may still have one.
    public func instancesWithVolumes() async throws(ClawError) -> [Instance] {
        try await read { db in
            Self.instances(try Row.fetchAll(db, sql: """
                SELECT * FROM instances WHERE status IN ('PROVISIONING', 'RUNNING', 'STOPPED') ORDER BY num
                """))
        }
    }
}
