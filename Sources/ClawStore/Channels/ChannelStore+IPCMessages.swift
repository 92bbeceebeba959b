import ClawCore
import Foundation
import GRDB

/// `{"chatJid","text"}`: a message an agent asks to send, as a file in its group's
/// `/workspace/ipc/messages/`.
struct IPCMessageFile: Decodable {
    var chatJid: String
    var text: String
}

extension ChannelStore {
    /// Sends the group's `messages/*.json` files (names in order; `.`-files are still being
    /// written): each to a chat of the group (a main group: any chat of its org) becomes
    /// outbox rows; a bad file or a chat the group may not reach is refused in the audit log.
    /// Every file read is removed. Answers how many were queued and refused.
    @discardableResult
    public func takeIPCMessages(group: String, now: Timestamp = .now()) async -> (queued: Int, refused: Int) {
        let dir = runs.files.ipc(group) + "/messages"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return (0, 0) }
        var queued = 0, refused = 0
        for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let path = dir + "/" + name
            let data = FileManager.default.contents(atPath: path)
            try? FileManager.default.removeItem(atPath: path)
            do {
                guard let data, let file = try? JSONDecoder().decode(IPCMessageFile.self, from: data) else {
                    throw ClawError(.invalidArgument, "not a {\"chatJid\",\"text\"} file")
                }
                let chat = try ChatJID.parse(file.chatJid)
                guard !file.text.isEmpty, file.text.count <= 64 * 1024 else {
                    throw ClawError(.invalidArgument, "text must be 1-65536 characters")
                }
                try await store.write { db in
                    guard let g = try ContainerRunStore.group(db, name: group, orgID: nil) else {
                        throw ClawError(.notFound, "group \(group) no longer exists")
                    }
                    let seen = try Row.fetchOne(db, sql: "SELECT 1 FROM channel_chats WHERE org_id = ? AND jid = ?",
                                                arguments: [g.orgID, chat.description]) != nil
                    let owned = try Self.groupOwning(db, jid: chat.description, orgID: g.orgID) != nil
                    let reachable = g.chatJids.contains(chat.description) || (g.isMain && (seen || owned))
                    guard reachable else {
                        throw ClawError(.forbidden, "\(chat) is not a chat of group \(group)")
                    }
                    _ = try Self.insertOutbound(db, orgID: g.orgID, chat: chat, text: file.text, threadID: nil, runID: nil,
                                                blockKey: nil, now: now)
                }
                queued += 1
            } catch {
                refused += 1
                let org = try? await runs.group(name: group, orgID: nil)?.orgID
                await runs.audit(AuditEntry(at: now, orgID: org, actor: "group:\(group)", action: "ipc.message", target: name,
                                            outcome: "refused", detail: (error as? ClawError)?.message ?? "\(error)"))
            }
        }
        return (queued, refused)
    }
}
