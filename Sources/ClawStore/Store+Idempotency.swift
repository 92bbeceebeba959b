import ClawCore
import GRDB

/// A stored first answer to a request carrying an `Idempotency-Key`.
public struct StoredResponse: Sendable, Equatable {
    public var requestHash: String
    public var status: Int
    public var body: String
    public var createdAt: Timestamp
}

extension Store {
    /// Keys are kept for 24 hours.
    public static let idempotencyWindowMillis: Int64 = 24 * 3600 * 1000

    /// The stored answer for `key` of `orgID`, if one is younger than 24 h.
    public func idempotentResponse(orgID: String, key: String, now: Timestamp = .now()) async throws(ClawError) -> StoredResponse? {
        try await read { db in try Self.idempotentResponse(db, orgID: orgID, key: key, now: now) }
    }

    public static func idempotentResponse(_ db: Database, orgID: String, key: String, now: Timestamp) throws -> StoredResponse? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM idempotency WHERE org_id = ? AND key = ? AND created_at > ?",
                                         arguments: [orgID, key, now.millis - idempotencyWindowMillis]) else { return nil }
        return StoredResponse(requestHash: row["request_hash"], status: row["status"], body: row["response_json"],
                              createdAt: Timestamp(millis: row["created_at"]))
    }

    /// Records the answer inside the transaction that performed the effect, so a retried request
    /// either sees the effect and its answer, or neither.
    public static func storeIdempotentResponse(_ db: Database, orgID: String, key: String, requestHash: String,
                                               status: Int, body: String, now: Timestamp) throws {
        try db.execute(sql: "DELETE FROM idempotency WHERE org_id = ? AND key = ? AND created_at <= ?",
                       arguments: [orgID, key, now.millis - idempotencyWindowMillis])
        try db.execute(sql: """
            INSERT INTO idempotency(org_id, key, request_hash, status, response_json, created_at) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [orgID, key, requestHash, status, body, now.millis])
    }
}
