import ClawCore
import Foundation
import GRDB

extension ChannelStore {
    /// The org's chats, most recent first, each with the group that owns it (or nil).
    public func chats(orgID: String?) async throws(ClawError) -> [ChatRecord] {
        try await store.read { db in
            var sql = "SELECT * FROM channel_chats"
            var args: [any DatabaseValueConvertible] = []
            if let orgID { sql += " WHERE org_id = ?"; args.append(orgID) }
            let rows = try Row.fetchAll(db, sql: sql + " ORDER BY last_message_at DESC, jid", arguments: StatementArguments(args))
            let groups = try Row.fetchAll(db, sql: "SELECT * FROM container_groups").map(ContainerRunStore.group)
            return rows.map { r in
                let jid: String = r["jid"], org: String = r["org_id"]
                return ChatRecord(jid: jid, orgID: org, platform: ChannelPlatform(rawValue: r["platform"]) ?? .telegram,
                                  title: r["title"], isGroup: r["is_group"], lastMessageAt: r.channelTS("last_message_at"),
                                  namespace: groups.first { $0.orgID == org && $0.chatJids.contains(jid) }?.name)
            }
        }
    }

    /// Whether the org knows the chat (seen it, or a group of the org names it).
    public func knowsChat(orgID: String, jid: String) async throws(ClawError) -> Bool {
        try await store.read { db in
            try Row.fetchOne(db, sql: "SELECT 1 FROM channel_chats WHERE org_id = ? AND jid = ?", arguments: [orgID, jid]) != nil
                || Self.groupOwning(db, jid: jid, orgID: orgID) != nil
        }
    }

    /// A chat's messages, newest first; `before`: only those stored before that message id.
    public func messages(orgID: String?, chatJid: String, limit: Int, before: String?) async throws(ClawError) -> [ChannelMessage] {
        try await store.read { db in
            var sql = "SELECT * FROM channel_messages WHERE chat_jid = ?"
            var args: [any DatabaseValueConvertible] = [chatJid]
            if let orgID { sql += " AND org_id = ?"; args.append(orgID) }
            if let before {
                guard let seq = try Int64.fetchOne(db, sql: "SELECT seq FROM channel_messages WHERE id = ?", arguments: [before]) else {
                    throw ClawError(.invalidArgument, "'before' names no message of this chat", param: "before")
                }
                sql += " AND seq < ?"
                args.append(seq)
            }
            sql += " ORDER BY seq DESC LIMIT ?"
            args.append(limit)
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(Self.message)
        }
    }

    public func message(id: String) async throws(ClawError) -> ChannelMessage? {
        try await store.read { db in try Row.fetchOne(db, sql: "SELECT * FROM channel_messages WHERE id = ?", arguments: [id]).map(Self.message) }
    }

    // MARK: allowlist

    public func allowlist(orgID: String) async throws(ClawError) -> SenderAllowlist {
        try await store.read { db in try Self.allowlist(db, orgID: orgID) }
    }

    public func setAllowlist(orgID: String, _ list: SenderAllowlist) async throws(ClawError) {
        let json: String
        do { json = String(decoding: try JSONEncoder().encode(list), as: UTF8.self) } catch {
            throw ClawError(.internal, "cannot encode the allowlist")
        }
        try await store.write { db in
            try db.execute(sql: """
                INSERT INTO channel_allowlists (org_id, allowlist_json) VALUES (?, ?)
                ON CONFLICT (org_id) DO UPDATE SET allowlist_json = excluded.allowlist_json
                """, arguments: [orgID, json])
        }
    }

    static func allowlist(_ db: Database, orgID: String) throws -> SenderAllowlist {
        guard let json = try String.fetchOne(db, sql: "SELECT allowlist_json FROM channel_allowlists WHERE org_id = ?",
                                             arguments: [orgID]) else { return SenderAllowlist() }
        return (try? JSONDecoder().decode(SenderAllowlist.self, from: Data(json.utf8))) ?? SenderAllowlist()
    }
}
