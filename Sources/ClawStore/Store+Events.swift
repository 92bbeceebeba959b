import ClawCore
import Foundation
import GRDB

/// Event data as stored: sorted keys (slashes escaped, as the rows written so far are).
private let eventEncoder: JSONEncoder = {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys]
    return e
}()

extension Store {
    /// Appends an event inside the caller's transaction, so it commits with the change it describes.
    @discardableResult
    public static func appendEvent(_ db: Database, orgID: String?, type: String, instanceID: String?,
                                   data: [String: String], at: Timestamp) throws -> Int64 {
        let json = String(decoding: try eventEncoder.encode(data), as: UTF8.self)
        try db.execute(sql: "INSERT INTO events(org_id, type, instance_id, data_json, at) VALUES (?, ?, ?, ?, ?)",
                       arguments: [orgID, type, instanceID, json, at.millis])
        return db.lastInsertedRowID
    }

    public func eventCount(type: String) async throws(ClawError) -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events WHERE type = ?", arguments: [type]) ?? 0 }
    }
}
