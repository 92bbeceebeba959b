import ClawCore
import Crypto
import Foundation
import GRDB

/// Channels as rows: connections per org and platform, chats, inbound messages, the outbox,
/// the runs chats started and the allowlist. Secrets go to one 0600 file per connection under
/// `secretsDirectory`; rows hold a hash and the last four characters. Runs are queued through
/// the container API's rows (`ContainerRunStore`), in the transaction that stores the message.
public final class ChannelStore: Sendable {
    public let store: Store
    public let runs: ContainerRunStore
    public let secretsDirectory: String

    public init(runs: ContainerRunStore, secretsDirectory: String) {
        self.store = runs.store
        self.runs = runs
        self.secretsDirectory = secretsDirectory
    }

    static func tokenHash(_ platform: ChannelPlatform, _ secret: String) -> String {
        SHA256.hash(data: Data((platform.rawValue + ":" + secret).utf8)).map { String(format: "%02x", $0) }.joined()
    }

    // MARK: connections

    /// Stores (or replaces) the org's connection to `platform`, status `connecting`. The same
    /// token connected by another org, or under another platform row, is a 409.
    public func connect(orgID: String, platform: ChannelPlatform, credentials: ChannelCredentials, account: String,
                        identity: [String: String], now: Timestamp = .now()) async throws(ClawError) -> ChannelRecord {
        let hash = Self.tokenHash(platform, credentials.primarySecret)
        let id = Identifier.make(prefix: "ch_", length: 16)
        let record = try await store.write { db -> ChannelRecord in
            if let other = try Row.fetchOne(db, sql: "SELECT org_id, platform FROM channels WHERE token_sha256 = ?",
                                            arguments: [hash]),
               other["org_id"] as String != orgID || other["platform"] as String != platform.rawValue {
                throw ClawError(.conflict, "this \(platform.rawValue) token is already connected on this host: one connection per token")
            }
            let old = try String.fetchOne(db, sql: "SELECT id FROM channels WHERE org_id = ? AND platform = ?",
                                          arguments: [orgID, platform.rawValue])
            try db.execute(sql: "DELETE FROM channels WHERE org_id = ? AND platform = ?", arguments: [orgID, platform.rawValue])
            try db.execute(sql: """
                INSERT INTO channels (id, org_id, platform, token_sha256, account, configured_json, identity_json, status,
                    since, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'connecting', ?, ?)
                """, arguments: [id, orgID, platform.rawValue, hash, account, Self.encodeMap(credentials.configured),
                                 Self.encodeMap(identity), now.millis, now.millis])
            try Store.appendEvent(db, orgID: orgID, type: "channel.connected", instanceID: nil,
                                  data: ["channel": platform.rawValue], at: now)
            if let old { try? FileManager.default.removeItem(atPath: self.secretsPath(old)) }
            return try Self.channel(Row.fetchOne(db, sql: "SELECT * FROM channels WHERE id = ?", arguments: [id])!)
        }
        do {
            try writeSecrets(credentials, channelID: id)
        } catch {
            _ = try? await store.write { db in try db.execute(sql: "DELETE FROM channels WHERE id = ?", arguments: [id]) }
            throw error
        }
        return record
    }

    /// Removes the org's connection and its secrets; false when there was none.
    public func disconnect(orgID: String, platform: ChannelPlatform, now: Timestamp = .now()) async throws(ClawError) -> Bool {
        let id = try await store.write { db -> String? in
            guard let id = try String.fetchOne(db, sql: "SELECT id FROM channels WHERE org_id = ? AND platform = ?",
                                               arguments: [orgID, platform.rawValue]) else { return nil }
            try db.execute(sql: "DELETE FROM channels WHERE id = ?", arguments: [id])
            try Store.appendEvent(db, orgID: orgID, type: "channel.disconnected", instanceID: nil,
                                  data: ["channel": platform.rawValue], at: now)
            return id
        }
        guard let id else { return false }
        try? FileManager.default.removeItem(atPath: secretsPath(id))
        return true
    }

    /// Every connection (nil: of every org).
    public func channels(orgID: String?) async throws(ClawError) -> [ChannelRecord] {
        try await store.read { db in
            let rows = orgID == nil
                ? try Row.fetchAll(db, sql: "SELECT * FROM channels ORDER BY created_at")
                : try Row.fetchAll(db, sql: "SELECT * FROM channels WHERE org_id = ? ORDER BY created_at", arguments: [orgID])
            return rows.map(Self.channel)
        }
    }

    public func channel(id: String) async throws(ClawError) -> ChannelRecord? {
        try await store.read { db in try Row.fetchOne(db, sql: "SELECT * FROM channels WHERE id = ?", arguments: [id]).map(Self.channel) }
    }

    public func channel(orgID: String, platform: ChannelPlatform) async throws(ClawError) -> ChannelRecord? {
        try await store.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM channels WHERE org_id = ? AND platform = ?",
                             arguments: [orgID, platform.rawValue]).map(Self.channel)
        }
    }

    /// The connection whose platform account (e.g. WhatsApp phone number id) is `account`.
    public func channel(platform: ChannelPlatform, account: String) async throws(ClawError) -> ChannelRecord? {
        try await store.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM channels WHERE platform = ? AND account = ?",
                             arguments: [platform.rawValue, account]).map(Self.channel)
        }
    }

    /// A new status. Every change of status is the event `channel.status` (with the attempt
    /// count and the reason, never a secret); a change to `error` is also `channel.error`. Each
    /// report of `connecting` counts one more attempt; `connected` sets the count back to 0.
    public func setStatus(channelID: String, _ status: ChannelStatus, lastError: String?,
                          now: Timestamp = .now()) async throws(ClawError) {
        try await store.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM channels WHERE id = ?", arguments: [channelID]) else { return }
            let old = Self.channel(row)
            let attempts = switch status {
            case .connecting: old.attempts + 1
            case .connected: 0
            default: old.attempts
            }
            guard old.status != status || old.lastError != lastError || old.attempts != attempts else { return }
            let since = old.status == status ? old.since : now
            try db.execute(sql: "UPDATE channels SET status = ?, last_error = ?, since = ?, attempts = ? WHERE id = ?",
                           arguments: [status.rawValue, lastError, since.millis, attempts, channelID])
            if old.status != status {
                var data = ["channel": old.platform.rawValue, "status": status.rawValue, "from": old.status.rawValue,
                            "attempts": "\(attempts)"]
                if let lastError { data["error"] = lastError }
                try Store.appendEvent(db, orgID: old.orgID, type: "channel.status", instanceID: nil, data: data, at: now)
            }
            if status == .error, old.status != .error {
                try Store.appendEvent(db, orgID: old.orgID, type: "channel.error", instanceID: nil,
                                      data: ["channel": old.platform.rawValue, "error": lastError ?? ""], at: now)
            }
        }
    }

    // MARK: secrets

    func secretsPath(_ channelID: String) -> String { secretsDirectory + "/" + channelID + ".json" }

    func writeSecrets(_ credentials: ChannelCredentials, channelID: String) throws(ClawError) {
        try ContainerFiles.makeDirectory(secretsDirectory)
        chmod(secretsDirectory, 0o700)
        let path = secretsPath(channelID)
        let tmp = path + ".tmp"
        let data: Data
        do { data = try JSONEncoder().encode(credentials) } catch {
            throw ClawError(.internal, "cannot encode channel credentials")
        }
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ClawError(.storage, "cannot create \(tmp): \(String(cString: strerror(errno)))") }
        let written = data.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == data.count, synced, rename(tmp, path) == 0 else {
            unlink(tmp)
            throw ClawError(.storage, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// The connection's secrets; nil when the file is gone.
    public func credentials(channelID: String) -> ChannelCredentials? {
        guard let data = FileManager.default.contents(atPath: secretsPath(channelID)) else { return nil }
        return try? JSONDecoder().decode(ChannelCredentials.self, from: data)
    }
}

extension ChannelStore {
    /// A poll offset past updates that carried nothing to store.
    public func advanceOffset(channelID: String, to offset: Int64) async throws(ClawError) {
        try await store.write { db in
            try db.execute(sql: "UPDATE channels SET poll_offset = MAX(poll_offset, ?) WHERE id = ?", arguments: [offset, channelID])
        }
    }
}
