import GRDB

extension Migrations {
    /// The web console: server-side sessions (the cookie holds a random token, the row its
    /// SHA-256; an org's user or the host admin; a CSRF token per session) and one-time admin
    /// login links (`clawctl console`).
    static func v15ConsoleSessions(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE console_sessions (
                token_sha256 BLOB PRIMARY KEY NOT NULL,
                org_id TEXT REFERENCES orgs(id) ON DELETE CASCADE,
                is_admin INTEGER NOT NULL DEFAULT 0,
                csrf TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                CHECK ((org_id IS NULL) = (is_admin = 1))
            ) STRICT;
            CREATE INDEX console_sessions_expiry ON console_sessions(expires_at);

            CREATE TABLE console_login_links (
                token_sha256 BLOB PRIMARY KEY NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                used_at INTEGER
            ) STRICT;
            """)
    }
}
