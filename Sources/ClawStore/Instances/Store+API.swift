import ClawCore
import Crypto
import Foundation
import GRDB

/// One row of the events table, as the API serves it.
public struct StoredEvent: Sendable, Equatable {
    public var id: Int64
    public var orgID: String?
    public var type: String
    public var instanceID: String?
    /// The stored JSON object, verbatim.
    public var dataJSON: String
    public var at: Timestamp
}

/// Queries the API needs beyond the instance service: event history, operation observation and
/// the idempotency record with its headers.
extension Store {
    /// Events with `id > after`, oldest first; one org's, or every org's when `orgID` is nil.
    public func events(orgID: String?, after: Int64, limit: Int = 500) async throws(ClawError) -> [StoredEvent] {
        try await read { db in
            let rows = try orgID.map {
                try Row.fetchAll(db, sql: "SELECT * FROM events WHERE org_id = ? AND id > ? ORDER BY id LIMIT ?",
                                 arguments: [$0, after, limit])
            } ?? Row.fetchAll(db, sql: "SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?", arguments: [after, limit])
            return rows.map { row in
                StoredEvent(id: row["id"], orgID: row["org_id"], type: row["type"], instanceID: row["instance_id"],
                            dataJSON: row["data_json"], at: Timestamp(millis: row["at"]))
            }
        }
    }

    /// The operation row each time a transaction of this store commits a change to the
    /// operations table (first value at once). Operations are finished by paths that do not
    /// publish to the change feed, so waiting on them observes the table itself.
    public func operationUpdates(id: String, orgID: String?) -> some AsyncSequence<OperationRecord?, any Error> & Sendable {
        ValueObservation.tracking { db -> OperationRecord? in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM operations WHERE id = ?", arguments: [id]) else { return nil }
            let op = Self.operation(row)
            if let orgID, op.orgID != orgID { return nil }
            return op
        }
        .removeDuplicates()
        .values(in: pool, bufferingPolicy: .bufferingNewest(1))
    }

    /// SHA-256 (hex) of what identifies a request for idempotency: method, path and body bytes.
    public static func requestHash(method: String, path: String, body: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(data: Array("\(method) \(path)\n".utf8))
        hasher.update(data: body)
        return Identifier.hex(hasher.finalize())
    }

    /// Stores the first answer with the headers it carried (e.g. `Location`), inside the
    /// transaction of the effect.
    public static func storeIdempotentResponse(_ db: Database, orgID: String, key: String, requestHash: String,
                                               status: Int, body: String, headers: [String: String], now: Timestamp) throws {
        try storeIdempotentResponse(db, orgID: orgID, key: key, requestHash: requestHash, status: status, body: body, now: now)
        let json = String(decoding: try JSONEncoder().encode(headers), as: UTF8.self)
        try db.execute(sql: "UPDATE idempotency SET headers_json = ? WHERE org_id = ? AND key = ?", arguments: [json, orgID, key])
    }

    /// The headers stored with an idempotent answer.
    public func idempotentHeaders(orgID: String, key: String) async throws(ClawError) -> [String: String] {
        try await read { db in
            guard let json = try String.fetchOne(db, sql: "SELECT headers_json FROM idempotency WHERE org_id = ? AND key = ?",
                                                 arguments: [orgID, key]) else { return [:] }
            return (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
        }
    }
}
