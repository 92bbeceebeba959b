import GRDB

/// Numbered schema migrations, applied in order at open. Never edit a shipped one: add the next.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("0001-orgs-keys-ledger-events", migrate: v1)
        return m
    }

    static var identifiers: Set<String> { Set(migrator.migrations) }

    static func v1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE meta (
                key TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL
            ) STRICT;

            CREATE TABLE orgs (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL UNIQUE,
                email TEXT,
                balance_cents INTEGER NOT NULL DEFAULT 0 CHECK (balance_cents >= 0),
                created_at INTEGER NOT NULL
            ) STRICT;

            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY NOT NULL,
                org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                name TEXT,
                prefix TEXT NOT NULL,
                last4 TEXT NOT NULL,
                secret_sha256 BLOB NOT NULL UNIQUE,
                created_at INTEGER NOT NULL,
                expires_at INTEGER,
                revoked_at INTEGER
            ) STRICT;
            CREATE INDEX api_keys_org ON api_keys(org_id);

            CREATE TABLE ledger (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                org_id TEXT NOT NULL REFERENCES orgs(id),
                instance_id TEXT,
                kind TEXT NOT NULL CHECK (kind IN ('credit', 'charge', 'refund')),
                amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
                balance_after_cents INTEGER NOT NULL CHECK (balance_after_cents >= 0),
                description TEXT NOT NULL,
                charge_id INTEGER REFERENCES ledger(id),
                created_at INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX ledger_org ON ledger(org_id, id);
            CREATE INDEX ledger_instance ON ledger(instance_id);
            CREATE UNIQUE INDEX ledger_one_refund_per_charge ON ledger(kind, charge_id) WHERE charge_id IS NOT NULL;

            CREATE TABLE events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                org_id TEXT,
                type TEXT NOT NULL,
                instance_id TEXT,
                data_json TEXT NOT NULL DEFAULT '{}',
                at INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX events_org ON events(org_id, id);
            """)
    }
}
