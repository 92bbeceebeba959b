import ClawCore
import Foundation
import GRDB

extension ChannelStore {
    /// Commits one inbound message in one transaction: the chat, the message (deduplicated by
    /// the platform's id), the connector's next poll offset, the `message.received` event and,
    /// when it triggers, the queued run with its prompt or the follow-up for the active run. A
    /// chat of no group keeps its listing but not the text. The queue hears of a new run after
    /// the commit.
    public func ingest(orgID: String, _ message: InboundMessage, channelID: String? = nil, nextOffset: Int64? = nil,
                       triggerPattern: String, now: Timestamp = .now()) async throws(ClawError) -> IngestOutcome {
        let outcome = try await store.write { db -> IngestOutcome in
            if let channelID, let nextOffset {
                try db.execute(sql: "UPDATE channels SET poll_offset = MAX(poll_offset, ?) WHERE id = ?",
                               arguments: [nextOffset, channelID])
            }
            let jid = message.chat.description
            try db.execute(sql: """
                INSERT INTO channel_chats (org_id, jid, platform, title, is_group, last_message_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (org_id, jid) DO UPDATE SET title = excluded.title, last_message_at = excluded.last_message_at
                """, arguments: [orgID, jid, message.chat.platform.rawValue, message.chatTitle, message.chat.isGroup,
                                 message.at.millis])
            if try Row.fetchOne(db, sql: """
                SELECT 1 FROM channel_messages WHERE org_id = ? AND chat_jid = ? AND platform_message_id = ? AND direction = 'in'
                """, arguments: [orgID, jid, message.platformMessageID]) != nil {
                return .duplicate
            }
            let group = try Self.groupOwning(db, jid: jid, orgID: orgID)
            let allowlist = try Self.allowlist(db, orgID: orgID)
            let facts = InboundFacts(sender: message.sender, text: message.text, isDirect: !message.chat.isGroup,
                                     mentionsBot: message.mentionsBot, fromBot: message.fromBot)
            let decision = MessageRouting.decide(facts, registered: group != nil, isMainGroup: group?.isMain ?? false,
                                                 allowlist: allowlist, chat: jid, triggerPattern: triggerPattern)
            let denied: Bool
            switch decision {
            case .ignore(let d), .context(let d): denied = d
            case .trigger: denied = false
            }
            if denied && allowlist.logDenied {
                try Self.insertAudit(db, AuditEntry(at: now, orgID: orgID, actor: "sender:\(message.sender)",
                                                    action: "channel.sender", target: jid, outcome: "denied",
                                                    detail: decision == .ignore(denied: true) ? "dropped" : "stored, cannot trigger"))
            }
            guard let group, decision != .ignore(denied: true), decision != .ignore(denied: false) else { return .ignored }
            let seq = try Self.insertInbound(db, orgID: orgID, message, now: now)
            try Store.appendEvent(db, orgID: orgID, type: "message.received", instanceID: nil,
                                  data: ["chatJid": jid, "channel": message.chat.platform.rawValue], at: now)
            guard decision == .trigger else { return .stored }
            return try Self.trigger(db, group: group, jid: jid, threadID: message.threadID, seq: seq,
                                    timeoutSecs: self.runs.defaultTimeoutSecs, now: now)
        }
        if case .queued(let run) = outcome { runs.publish([.runQueued(run)]) }
        return outcome
    }

    static func insertInbound(_ db: Database, orgID: String, _ m: InboundMessage, now: Timestamp) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO channel_messages (id, org_id, chat_jid, direction, sender, sender_name, text, at, status,
                platform_message_id, thread_id) VALUES (?, ?, ?, 'in', ?, ?, ?, ?, 'received', ?, ?)
            """, arguments: [Identifier.make(prefix: "msg_", length: 20), orgID, m.chat.description, m.sender, m.senderName,
                             m.text, m.at.millis, m.platformMessageID, m.threadID])
        return db.lastInsertedRowID
    }

    /// The group's run gets the messages since its cursor: as a follow-up when one is running,
    /// else as the prompt of a new run. The cursor moves to this message either way; the
    /// run remembers where it was, to roll back when it fails before anything was sent.
    static func trigger(_ db: Database, group: ContainerGroup, jid: String, threadID: String?, seq: Int64,
                        timeoutSecs: Int, now: Timestamp) throws -> IngestOutcome {
        let cursor = try Int64.fetchOne(db, sql: "SELECT seq FROM channel_cursors WHERE group_name = ?",
                                        arguments: [group.name]) ?? 0
        let rows = try Row.fetchAll(db, sql: """
            SELECT * FROM channel_messages WHERE org_id = ? AND chat_jid = ? AND direction = 'in' AND seq > ? AND seq <= ?
            ORDER BY seq DESC LIMIT ?
            """, arguments: [group.orgID, jid, cursor, seq, ChannelPrompt.maxMessages]).map(Self.message).reversed()
        let prompt = ChannelPrompt.format(rows.map { PromptMessage(senderName: $0.senderName ?? $0.sender ?? "?", at: $0.at, text: $0.text) })
        try db.execute(sql: "INSERT INTO channel_cursors (group_name, seq) VALUES (?, ?) ON CONFLICT (group_name) DO UPDATE SET seq = excluded.seq",
                       arguments: [group.name, seq])
        let active = try String.fetchOne(db, sql: "SELECT id FROM container_runs WHERE group_name = ? AND status = 'running' LIMIT 1",
                                         arguments: [group.name])
        let runID: String
        let outcome: IngestOutcome
        if let active {
            runID = active
            outcome = .followUp(group: group.name, runID: active, text: prompt)
        } else {
            let run = try ContainerRunStore.insertRun(db, group: group.name, orgID: group.orgID, prompt: prompt, kind: .message,
                                                      timeoutSecs: timeoutSecs, scheduleID: nil, now: now)
            runID = run.id
            outcome = .queued(run.queued)
        }
        try db.execute(sql: """
            INSERT INTO channel_runs (run_id, org_id, group_name, chat_jid, thread_id, cursor_before, cursor_after)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (run_id) DO UPDATE SET chat_jid = excluded.chat_jid, thread_id = excluded.thread_id,
                cursor_after = excluded.cursor_after
            """, arguments: [runID, group.orgID, group.name, jid, threadID, cursor, seq])
        let ids = rows.map(\.seq)
        var args: [any DatabaseValueConvertible] = [runID]
        args += ids
        try db.execute(sql: "UPDATE channel_messages SET run_id = ? WHERE seq IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                       arguments: StatementArguments(args))
        return outcome
    }

    /// The org's group whose `chatJids` names `jid`.
    static func groupOwning(_ db: Database, jid: String, orgID: String) throws -> ContainerGroup? {
        try Row.fetchAll(db, sql: "SELECT * FROM container_groups WHERE org_id = ? AND chat_jids_json LIKE ? ORDER BY name",
                         arguments: [orgID, "%\"\(jid)\"%"])
            .map(ContainerRunStore.group).first { $0.chatJids.contains(jid) }
    }

    static func insertAudit(_ db: Database, _ entry: AuditEntry) throws {
        try db.execute(sql: """
            INSERT INTO container_audit (at, org_id, actor, action, target, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [entry.at.millis, entry.orgID, entry.actor, entry.action, entry.target, entry.outcome, entry.detail])
    }
}
