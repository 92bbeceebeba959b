import GRDB

extension Migrations {
    /// `buy_claws` purchase requests (pending until the host admin approves or rejects them; an
    /// approval credits the balance in the same transaction and names its ledger row), and an
    /// index that finds an instance's first `instance.running` event (`provisioned_at`).
    static func v5HostersPurchases(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE purchases (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                org_id TEXT NOT NULL REFERENCES orgs(id),
                package_id TEXT NOT NULL,
                claws INTEGER NOT NULL CHECK (claws > 0),
                price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
                status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
                ledger_id INTEGER UNIQUE REFERENCES ledger(id),
                created_at INTEGER NOT NULL,
                decided_at INTEGER,
                CHECK ((status = 'approved') = (ledger_id IS NOT NULL))
            ) STRICT;
            CREATE INDEX purchases_org ON purchases(org_id, id);
            CREATE INDEX purchases_status ON purchases(status, id);
            CREATE INDEX events_instance_type ON events(instance_id, type) WHERE instance_id IS NOT NULL;
            """)
    }
}
