import ClawCore
import Crypto
import Foundation
import GRDB

/// Who a console session belongs to: an org's user (logged in with one of its API keys) or the
/// host admin (through a one-time link from `clawctl console`).
public struct ConsoleSession: Sendable, Equatable {
    public var orgID: String?
    public var isAdmin: Bool
    /// Sent with every form of the session and compared on every POST.
    public var csrf: String
    public var expiresAt: Timestamp
}

/// Console sessions and admin login links. Tokens are 32 random bytes (hex) handed out once;
/// rows keep only their SHA-256, so the database never holds a usable token.
public struct ConsoleStore: Sendable {
    public let store: Store
    public static let sessionLifetime: Int64 = 8 * 3600
    public static let linkLifetime: Int64 = 300

    public init(store: Store) { self.store = store }

    static func hash(_ token: String) -> Data { Data(SHA256.hash(data: Data(token.utf8))) }

    /// A new session; answers its token (the cookie's value) and the session.
    public func open(orgID: String?, now: Timestamp = .now()) async throws(ClawError) -> (token: String, session: ConsoleSession) {
        let token = Identifier.hex(Identifier.randomBytes(32))
        let session = ConsoleSession(orgID: orgID, isAdmin: orgID == nil, csrf: Identifier.hex(Identifier.randomBytes(16)),
                                     expiresAt: now.adding(seconds: Self.sessionLifetime))
        try await store.write { db in
            try db.execute(sql: "DELETE FROM console_sessions WHERE expires_at <= ?", arguments: [now.millis])
            try db.execute(sql: """
                INSERT INTO console_sessions (token_sha256, org_id, is_admin, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [Self.hash(token), orgID, orgID == nil, session.csrf, now.millis, session.expiresAt.millis])
        }
        return (token, session)
    }

    /// The live session of `token`; nil when unknown, ended or expired.
    public func session(_ token: String, now: Timestamp = .now()) async throws(ClawError) -> ConsoleSession? {
        try await store.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM console_sessions WHERE token_sha256 = ? AND expires_at > ?",
                             arguments: [Self.hash(token), now.millis]).map {
                ConsoleSession(orgID: $0["org_id"], isAdmin: $0["is_admin"], csrf: $0["csrf"],
                               expiresAt: Timestamp(millis: $0["expires_at"]))
            }
        }
    }

    public func close(_ token: String) async throws(ClawError) {
        try await store.write { db in
            try db.execute(sql: "DELETE FROM console_sessions WHERE token_sha256 = ?", arguments: [Self.hash(token)])
        }
    }

    /// A one-time admin login token, valid for `linkLifetime` seconds.
    public func makeLoginLink(now: Timestamp = .now()) async throws(ClawError) -> (token: String, expiresAt: Timestamp) {
        let token = Identifier.hex(Identifier.randomBytes(32))
        let expires = now.adding(seconds: Self.linkLifetime)
        try await store.write { db in
            try db.execute(sql: "DELETE FROM console_login_links WHERE expires_at <= ?", arguments: [now.millis])
            try db.execute(sql: "INSERT INTO console_login_links (token_sha256, created_at, expires_at) VALUES (?, ?, ?)",
                           arguments: [Self.hash(token), now.millis, expires.millis])
        }
        return (token, expires)
    }

    /// Uses the link once: true only for the first use before it expires.
    public func redeemLoginLink(_ token: String, now: Timestamp = .now()) async throws(ClawError) -> Bool {
        try await store.write { db in
            try db.execute(sql: """
                UPDATE console_login_links SET used_at = ? WHERE token_sha256 = ? AND used_at IS NULL AND expires_at > ?
                """, arguments: [now.millis, Self.hash(token), now.millis])
            return db.changesCount == 1
        }
    }

    /// The newest event id (0 when there is none): where a page's live updates start.
    public func latestEventID() async throws(ClawError) -> Int64 {
        try await store.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM events") ?? 0 }
    }

    /// One instance's newest events, newest first.
    public func recentEvents(instanceID: String, limit: Int) async throws(ClawError) -> [StoredEvent] {
        try await store.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM events WHERE instance_id = ? ORDER BY id DESC LIMIT ?",
                             arguments: [instanceID, limit]).map {
                StoredEvent(id: $0["id"], orgID: $0["org_id"], type: $0["type"], instanceID: $0["instance_id"],
                            dataJSON: $0["data_json"], at: Timestamp(millis: $0["at"]))
            }
        }
    }
}
