import GRDB

extension Migrations {
    /// Channels: one connection per org and platform (secrets live in 0600 files beside the
    /// database, the row keeps a hash of the token for the one-poller-per-token rule and the
    /// last four characters for answers), the chats seen, inbound messages (deduplicated by the
    /// platform's message id) and the outbox (`pending → sent | failed`), the runs a chat
    /// started (where their output goes), each group's prompt cursor, the sender allowlist.
    static func v12Channels(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE channels (
                id TEXT PRIMARY KEY NOT NULL,
                org_id TEXT NOT NULL REFERENCES orgs(id),
                platform TEXT NOT NULL,
                token_sha256 TEXT NOT NULL UNIQUE,
                account TEXT NOT NULL DEFAULT '',
                configured_json TEXT NOT NULL DEFAULT '{}',
                identity_json TEXT NOT NULL DEFAULT '{}',
                status TEXT NOT NULL,
                last_error TEXT,
                since INTEGER NOT NULL,
                poll_offset INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL,
                UNIQUE (org_id, platform)
            ) STRICT;

            CREATE TABLE channel_chats (
                org_id TEXT NOT NULL,
                jid TEXT NOT NULL,
                platform TEXT NOT NULL,
                title TEXT NOT NULL DEFAULT '',
                is_group INTEGER NOT NULL,
                last_message_at INTEGER,
                PRIMARY KEY (org_id, jid)
            ) STRICT;

            CREATE TABLE channel_messages (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                org_id TEXT NOT NULL,
                chat_jid TEXT NOT NULL,
                direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
                sender TEXT,
                sender_name TEXT,
                text TEXT NOT NULL,
                at INTEGER NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('received', 'pending', 'sent', 'failed')),
                platform_message_id TEXT,
                thread_id TEXT,
                run_id TEXT,
                block_key TEXT UNIQUE,
                last_error TEXT,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL DEFAULT 0
            ) STRICT;
            CREATE UNIQUE INDEX channel_messages_inbound ON channel_messages(org_id, chat_jid, platform_message_id)
                WHERE direction = 'in';
            CREATE INDEX channel_messages_chat ON channel_messages(org_id, chat_jid, seq);
            CREATE INDEX channel_messages_outbox ON channel_messages(status, seq) WHERE status = 'pending';

            CREATE TABLE channel_runs (
                run_id TEXT PRIMARY KEY NOT NULL,
                org_id TEXT NOT NULL,
                group_name TEXT NOT NULL,
                chat_jid TEXT NOT NULL,
                thread_id TEXT,
                cursor_before INTEGER NOT NULL,
                cursor_after INTEGER NOT NULL,
                sent INTEGER NOT NULL DEFAULT 0
            ) STRICT;

            CREATE TABLE channel_cursors (
                group_name TEXT PRIMARY KEY NOT NULL,
                seq INTEGER NOT NULL
            ) STRICT;

            CREATE TABLE channel_allowlists (
                org_id TEXT PRIMARY KEY NOT NULL,
                allowlist_json TEXT NOT NULL
            ) STRICT;
            """)
    }
}
