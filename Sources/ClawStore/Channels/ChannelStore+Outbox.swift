import ClawCore
import Foundation
import GRDB

extension ChannelStore {
    /// Queues `text` to `chatJid` as outbox rows (split at the platform's limit), with the
    /// `message.pending` rows committed together. `blockKey` makes a repeated call a no-op (a
    /// run's output block is recorded once).
    @discardableResult
    public func enqueueOutbound(orgID: String, chat: ChatJID, text: String, threadID: String? = nil, runID: String? = nil,
                                blockKey: String? = nil, now: Timestamp = .now()) async throws(ClawError) -> [String] {
        try await store.write { db in
            try Self.insertOutbound(db, orgID: orgID, chat: chat, text: text, threadID: threadID, runID: runID,
                                    blockKey: blockKey, now: now)
        }
    }

    static func insertOutbound(_ db: Database, orgID: String, chat: ChatJID, text: String, threadID: String?, runID: String?,
                               blockKey: String?, now: Timestamp) throws -> [String] {
        var ids: [String] = []
        for (i, part) in MessageSplitter.split(text, limit: chat.platform.textLimit).enumerated() {
            let key = blockKey.map { "\($0)#\(i)" }
            if let key, try Row.fetchOne(db, sql: "SELECT 1 FROM channel_messages WHERE block_key = ?", arguments: [key]) != nil {
                continue
            }
            let id = Identifier.make(prefix: "msg_", length: 20)
            try db.execute(sql: """
                INSERT INTO channel_messages (id, org_id, chat_jid, direction, sender, sender_name, text, at, status, thread_id,
                    run_id, block_key, next_attempt_at) VALUES (?, ?, ?, 'out', 'bot', 'bot', ?, ?, 'pending', ?, ?, ?, ?)
                """, arguments: [id, orgID, chat.description, part, now.millis, threadID, runID, key, now.millis])
            ids.append(id)
        }
        return ids
    }

    /// One output block of a run a chat started: its visible text becomes outbox rows to that
    /// chat in the transaction that records the block (by run and index: recorded once). A run
    /// no chat started answers nil.
    @discardableResult
    public func recordRunBlock(runID: String, index: Int, text: String, now: Timestamp = .now()) async throws(ClawError) -> [String]? {
        try await store.write { db -> [String]? in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM channel_runs WHERE run_id = ?", arguments: [runID]),
                  let chat = try? ChatJID.parse(row["chat_jid"]) else { return nil }
            guard let visible = ReplyText.visible(text) else { return [] }
            try db.execute(sql: "UPDATE channel_runs SET sent = 1 WHERE run_id = ?", arguments: [runID])
            return try Self.insertOutbound(db, orgID: row["org_id"], chat: chat, text: visible, threadID: row["thread_id"],
                                           runID: runID, blockKey: "\(runID):\(index)", now: now)
        }
    }

    /// A chat-started run ended: a failure before any block was sent puts the group's cursor
    /// back, so the next trigger sees those messages again.
    public func runEnded(runID: String, failed: Bool) async throws(ClawError) {
        guard failed else { return }
        try await store.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM channel_runs WHERE run_id = ?", arguments: [runID]),
                  row["sent"] as Int == 0 else { return }
            try db.execute(sql: "UPDATE channel_cursors SET seq = ? WHERE group_name = ? AND seq = ?",
                           arguments: [row["cursor_before"] as Int64, row["group_name"] as String, row["cursor_after"] as Int64])
        }
    }

    /// A chat's run that clawd's previous process left in flight (and the boot failed) before
    /// anything of it was sent: the group's cursor goes back and the same messages are queued
    /// as a new run, in one transaction, so the chat still gets its answer. Answers the new
    /// run's id; nil when the run was no chat's, had sent something, the cursor moved on since,
    /// or it was itself such a retry (then only the cursor goes back, as for any failed run).
    public func retryInterrupted(runID: String, now: Timestamp = .now()) async throws(ClawError) -> String? {
        let queued = try await store.write { db -> QueuedRun? in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM channel_runs WHERE run_id = ?", arguments: [runID]),
                  row["sent"] as Int == 0,
                  try Row.fetchOne(db, sql: "SELECT 1 FROM channel_runs WHERE retry_of = ?", arguments: [runID]) == nil
            else { return nil }
            let groupName: String = row["group_name"]
            let cursorAfter: Int64 = row["cursor_after"]
            if (row["retry_of"] as String?) != nil {
                // Failed like any run: the next trigger sees these messages again.
                try db.execute(sql: "UPDATE channel_cursors SET seq = ? WHERE group_name = ? AND seq = ?",
                               arguments: [row["cursor_before"] as Int64, groupName, cursorAfter])
                return nil
            }
            guard try Int64.fetchOne(db, sql: "SELECT seq FROM channel_cursors WHERE group_name = ?", arguments: [groupName]) == cursorAfter,
                  let group = try Row.fetchOne(db, sql: "SELECT * FROM container_groups WHERE name = ?", arguments: [groupName])
                    .map(ContainerRunStore.group) else { return nil }
            try db.execute(sql: "UPDATE channel_cursors SET seq = ? WHERE group_name = ?",
                           arguments: [row["cursor_before"] as Int64, groupName])
            guard case .queued(let run) = try Self.trigger(db, group: group, jid: row["chat_jid"], threadID: row["thread_id"],
                                                           seq: cursorAfter, timeoutSecs: self.runs.defaultTimeoutSecs, now: now)
            else { return nil }
            try db.execute(sql: "UPDATE channel_runs SET retry_of = ? WHERE run_id = ?", arguments: [runID, run.runID])
            return run
        }
        guard let queued else { return nil }
        runs.publish([.runQueued(queued)])
        return queued.runID
    }

    /// Pending rows due by `now`, oldest first; a chat whose oldest pending row is not due yet
    /// holds back its later rows (messages to one chat keep their order).
    public func dueOutbound(now: Timestamp = .now(), limit: Int = 100) async throws(ClawError) -> [ChannelMessage] {
        try await store.read { db in
            let pending = try Row.fetchAll(db, sql: "SELECT * FROM channel_messages WHERE status = 'pending' ORDER BY seq LIMIT ?",
                                           arguments: [limit * 4]).map(Self.message)
            var blocked = Set<String>()
            var due: [ChannelMessage] = []
            for m in pending {
                if blocked.contains(m.chatJid) { continue }
                if m.nextAttemptAt.millis > now.millis { blocked.insert(m.chatJid); continue }
                due.append(m)
                blocked.insert(m.chatJid)  // one at a time per chat
            }
            return Array(due.prefix(limit))
        }
    }

    /// The earliest time a pending row is due (nil: none pending).
    public func nextOutboundDue() async throws(ClawError) -> Timestamp? {
        try await store.read { db in
            try Int64.fetchOne(db, sql: "SELECT MIN(next_attempt_at) FROM channel_messages WHERE status = 'pending'")
                .map(Timestamp.init(millis:))
        }
    }

    public func markSent(id: String, platformMessageID: String?, now: Timestamp = .now()) async throws(ClawError) {
        try await store.write { db in
            guard let m = try Row.fetchOne(db, sql: "SELECT * FROM channel_messages WHERE id = ?", arguments: [id]).map(Self.message),
                  m.status == "pending" else { return }
            try db.execute(sql: """
                UPDATE channel_messages SET status = 'sent', platform_message_id = ?, attempts = attempts + 1, last_error = NULL
                WHERE id = ?
                """, arguments: [platformMessageID, id])
            try Store.appendEvent(db, orgID: m.orgID, type: "message.sent", instanceID: nil,
                                  data: ["chatJid": m.chatJid, "messageId": id], at: now)
        }
    }

    /// A failed attempt: tried again at `retryAt`, or (nil) failed for good with the
    /// `message.failed` event and an audit entry.
    public func markAttemptFailed(id: String, error: String, retryAt: Timestamp?, now: Timestamp = .now()) async throws(ClawError) {
        try await store.write { db in
            guard let m = try Row.fetchOne(db, sql: "SELECT * FROM channel_messages WHERE id = ?", arguments: [id]).map(Self.message),
                  m.status == "pending" else { return }
            if let retryAt {
                try db.execute(sql: "UPDATE channel_messages SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                               arguments: [error, retryAt.millis, id])
                return
            }
            try db.execute(sql: "UPDATE channel_messages SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?",
                           arguments: [error, id])
            try Store.appendEvent(db, orgID: m.orgID, type: "message.failed", instanceID: nil,
                                  data: ["chatJid": m.chatJid, "messageId": id, "error": error], at: now)
            try Self.insertAudit(db, AuditEntry(at: now, orgID: m.orgID, actor: "clawd", action: "channel.send",
                                                target: m.chatJid, outcome: "failed", detail: "\(id): \(error)"))
        }
    }
}
