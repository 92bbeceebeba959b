import ClawCore
import GRDB

/// The org of `GET /api/v1/account` with the number of its usable API keys.
public struct HostersAccount: Sendable {
    public var org: Org
    /// Keys neither revoked nor expired.
    public var activeKeys: Int
}

extension Store {
    public func hostersAccount(orgID: String, now: Timestamp = .now()) async throws(ClawError) -> HostersAccount? {
        try await read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM orgs WHERE id = ?", arguments: [orgID]) else { return nil }
            let keys = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM api_keys WHERE org_id = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)
                """, arguments: [orgID, now.millis]) ?? 0
            return HostersAccount(org: Self.org(row), activeKeys: keys)
        }
    }
}
