import ClawCore
import Crypto
import Foundation
import GRDB

/// A newly created key: the record plus the whole secret, which is shown only this once.
public struct NewAPIKey: Sendable {
    public var record: APIKeyRecord
    public var secret: String
}

extension Store {
    static func sha256(_ s: String) -> Data { Data(SHA256.hash(data: Data(s.utf8))) }

    static func keyRecord(_ row: Row) -> APIKeyRecord {
        APIKeyRecord(id: row["id"], orgID: row["org_id"], name: row["name"], prefix: row["prefix"],
                     last4: row["last4"], createdAt: Timestamp(millis: row["created_at"]),
                     expiresAt: (row["expires_at"] as Int64?).map { Timestamp(millis: $0) },
                     revokedAt: (row["revoked_at"] as Int64?).map { Timestamp(millis: $0) })
    }

    /// A key is `<prefix>_` + 32 random bytes in hex (a prefix that ends in `_`, e.g. `oc_live_`,
    /// is not given a second one); only its SHA-256 is stored.
    /// With `idempotent`, the request's answer is recorded in the same transaction; it is built
    /// from the record alone, so the secret is never stored.
    public func createKey(orgID: String, name: String?, prefix: String = "claw", expiresAt: Timestamp? = nil,
                          now: Timestamp = .now(), idempotent: IdempotentWrite<APIKeyRecord>? = nil) async throws(ClawError) -> NewAPIKey {
        let secret = prefix + (prefix.hasSuffix("_") ? "" : "_") + Identifier.hex(Identifier.randomBytes(32))
        let record = APIKeyRecord(id: Identifier.make(prefix: "key_", length: 16), orgID: orgID, name: name,
                                  prefix: prefix, last4: String(secret.suffix(4)), createdAt: now,
                                  expiresAt: expiresAt, revokedAt: nil)
        let hash = Self.sha256(secret)
        try await write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM orgs WHERE id = ?", arguments: [orgID]) == true else {
                throw ClawError(.notFound, "org \(orgID) not found")
            }
            try db.execute(sql: """
                INSERT INTO api_keys(id, org_id, name, prefix, last4, secret_sha256, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [record.id, orgID, name, prefix, record.last4, hash, now.millis, expiresAt?.millis])
            try Self.appendEvent(db, orgID: orgID, type: "security.key_created", instanceID: nil,
                                 data: ["keyId": record.id, "last4": record.last4], at: now)
            try idempotent?.record(db, record, now: now)
        }
        return NewAPIKey(record: record, secret: secret)
    }

    /// The key record for a presented secret, when it exists, is not revoked and not expired.
    public func authenticate(secret: String, now: Timestamp = .now()) async throws(ClawError) -> APIKeyRecord? {
        guard !secret.isEmpty, secret.utf8.count <= 256 else { return nil }
        let hash = Self.sha256(secret)
        let (cached, generation) = keyCache.lookup(hash)
        let record: APIKeyRecord
        if let cached {
            record = cached
        } else {
            let found = try await read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM api_keys WHERE secret_sha256 = ?", arguments: [hash])
                    .map { (Self.keyRecord($0), $0["secret_sha256"] as Data) }
            }
            guard let (stored, storedHash) = found, Self.constantTimeEqual(storedHash, hash) else { return nil }
            keyCache.remember(stored, hash: hash, generation: generation)
            record = stored
        }
        if record.revokedAt != nil { return nil }
        if let expires = record.expiresAt, expires <= now { return nil }
        return record
    }

    public func listKeys(orgID: String) async throws(ClawError) -> [APIKeyRecord] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_keys WHERE org_id = ? ORDER BY created_at, id",
                             arguments: [orgID]).map(Self.keyRecord)
        }
    }

    static func constantTimeEqual(_ a: Data, _ b: Data) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for (x, y) in zip(a, b) { diff |= x ^ y }
        return diff == 0
    }
}

extension Store {
    /// Revokes a key of `orgID` at once; a key of another org is "not found".
    public func revokeKey(orgID: String, keyID: String, now: Timestamp = .now()) async throws(ClawError) {
        try await write { db in
            try db.execute(sql: "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND org_id = ?",
                           arguments: [now.millis, keyID, orgID])
            guard db.changesCount == 1 else { throw ClawError(.notFound, "key \(keyID) not found") }
            try Self.appendEvent(db, orgID: orgID, type: "security.key_revoked", instanceID: nil,
                                 data: ["keyId": keyID], at: now)
        }
    }
}
