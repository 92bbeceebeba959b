import ClawCore
import Foundation
import GRDB

/// A WebSocket gateway session a connector can resume after a restart (Discord): its id, the
/// URL to resume on, and the sequence number of the last event committed (the channel's
/// `poll_offset`, advanced in the transaction that stores each message).
public struct GatewaySession: Sendable, Equatable {
    public var id: String
    public var resumeURL: String
    public var seq: Int

    public init(id: String, resumeURL: String, seq: Int) {
        self.id = id
        self.resumeURL = resumeURL
        self.seq = seq
    }
}

extension ChannelStore {
    /// The channel's stored gateway session; nil when there is none (or no such channel).
    public func gatewaySession(channelID: String) async throws(ClawError) -> GatewaySession? {
        try await store.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT gateway_session_id, gateway_resume_url, poll_offset FROM channels WHERE id = ?
                """, arguments: [channelID]),
                let id = row["gateway_session_id"] as String?, let url = row["gateway_resume_url"] as String? else { return nil }
            return GatewaySession(id: id, resumeURL: url, seq: Int(row["poll_offset"] as Int64))
        }
    }

    /// Stores the session a gateway began, its sequence number replacing the stored offset (a
    /// new session counts from its own start); nil forgets the session.
    public func setGatewaySession(channelID: String, _ session: GatewaySession?) async throws(ClawError) {
        try await store.write { db in
            try db.execute(sql: """
                UPDATE channels SET gateway_session_id = ?, gateway_resume_url = ?, poll_offset = ? WHERE id = ?
                """, arguments: [session?.id, session?.resumeURL, Int64(session?.seq ?? 0), channelID])
        }
    }
}
