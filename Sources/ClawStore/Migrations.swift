import GRDB

/// Numbered schema migrations, applied in order at open. Never edit a shipped one: add the next.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("0001-orgs-keys-ledger-events", migrate: v1)
        m.registerMigration("0002-instances-operations-idempotency", migrate: v2)
        m.registerMigration("0003-ledger-idempotency-key-low-balance", migrate: v3)
        m.registerMigration("0004-backups", migrate: v4Backups)
        m.registerMigration("0005-hosters-purchases", migrate: v5HostersPurchases)
        m.registerMigration("0007-container-runs", migrate: v7ContainerRuns)
        m.registerMigration("0008-instances-version", migrate: v8InstanceListVersions)
        m.registerMigration("0009-container-group-config", migrate: v9ContainerGroupConfig)
        m.registerMigration("0010-schedule-coalescing", migrate: v10ScheduleCoalescing)
        m.registerMigration("0011-instance-disk-usage", migrate: v11InstanceDiskUsage)
        m.registerMigration("0012-channels", migrate: v12Channels)
        m.registerMigration("0013-channel-health", migrate: v13ChannelHealth)
        m.registerMigration("0014-instance-runtime-address", migrate: v14InstanceRuntimeAddress)
        m.registerMigration("0015-console-sessions", migrate: v15ConsoleSessions)
        m.registerMigration("0016-discord-gateway-session", migrate: v16DiscordGatewaySession)
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

    static func v2(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE instances (
                num INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                org_id TEXT NOT NULL REFERENCES orgs(id),
                subdomain TEXT NOT NULL,
                default_model TEXT,
                im_config_json TEXT,
                tier TEXT NOT NULL,
                status TEXT NOT NULL,
                stop_reason TEXT,
                health_status TEXT NOT NULL DEFAULT 'unknown',
                desired TEXT NOT NULL,
                generation INTEGER NOT NULL DEFAULT 1,
                image TEXT NOT NULL,
                host_port INTEGER,
                paid_until INTEGER NOT NULL,
                delete_after INTEGER,
                provision_attempts INTEGER NOT NULL DEFAULT 0,
                rebuild_day TEXT,
                rebuilds_on_day INTEGER NOT NULL DEFAULT 0,
                total_paid_cents INTEGER NOT NULL DEFAULT 0,
                charge_id INTEGER REFERENCES ledger(id),
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            ) STRICT;
            CREATE UNIQUE INDEX instances_live_subdomain ON instances(subdomain)
                WHERE status NOT IN ('FAILED', 'DELETED');
            CREATE UNIQUE INDEX instances_live_port ON instances(host_port)
                WHERE host_port IS NOT NULL AND status NOT IN ('FAILED', 'DELETED');
            CREATE INDEX instances_org ON instances(org_id, created_at);
            CREATE INDEX instances_status ON instances(status);

            CREATE TABLE operations (
                id TEXT PRIMARY KEY NOT NULL,
                org_id TEXT NOT NULL,
                instance_id TEXT,
                kind TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'succeeded', 'failed')),
                error TEXT,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX operations_instance ON operations(instance_id, status);
            CREATE INDEX operations_open ON operations(status) WHERE status IN ('pending', 'running');

            CREATE TABLE idempotency (
                org_id TEXT NOT NULL,
                key TEXT NOT NULL,
                request_hash TEXT NOT NULL,
                status INTEGER NOT NULL,
                response_json TEXT NOT NULL,
                headers_json TEXT NOT NULL DEFAULT '{}',
                created_at INTEGER NOT NULL,
                PRIMARY KEY (org_id, key)
            ) STRICT;
            """)
    }

    /// The ledger row names the `Idempotency-Key` of the request that paid; the org
    /// remembers that it was warned of a low balance (the lowest balance seen since), so the
    /// warning goes out once until the balance rises.
    static func v3(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE ledger ADD COLUMN idempotency_key TEXT;
            ALTER TABLE orgs ADD COLUMN low_balance_marker_cents INTEGER;
            """)
    }
}
