import ClawCore
import ClawStore
import ClawWire
import Foundation

/// The platform refused the credentials (a 422 with its reason; nothing stored).
public struct ChannelRejected: Error, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// What the channel routes need from the daemon: the rows, and the connectors that talk to
/// the platforms (validate, connect, send, the WhatsApp webhook).
public protocol ChannelBackend: Sendable {
    var store: ChannelStore { get }
    /// Asks the platform whether the credentials are good, storing nothing; throws `ChannelRejected`.
    func validate(_ platform: ChannelPlatform, _ credentials: ChannelCredentials) async throws -> [String: String]
    /// Validates, stores the connection and starts its connector.
    func connect(orgID: String, _ platform: ChannelPlatform, _ credentials: ChannelCredentials) async throws -> ChannelRecord
    /// Stops the connector and forgets the connection; false when there was none.
    func disconnect(orgID: String, _ platform: ChannelPlatform) async throws -> Bool
    /// Queues `text` to the chat through its platform's connection (202: sent by the outbox).
    func send(orgID: String, chat: ChatJID, text: String) async throws -> String
    /// `GET …/whatsapp/webhook`: the challenge when `verifyToken` is some connection's, else nil (403).
    func whatsAppChallenge(mode: String?, verifyToken: String?, challenge: String?) async -> String?
    /// `POST …/whatsapp/webhook` with its raw body: false when the signature matches no connection (401).
    func whatsAppDelivery(body: Data, signature: String?) async throws -> Bool
}

extension ChannelWire.Channel {
    /// The platform's entry: its connection when the org has one, else `disconnected`.
    init(_ platform: ChannelPlatform, _ record: ChannelRecord?) {
        guard let record else {
            self.init(name: platform.rawValue, connected: false, status: ChannelStatus.disconnected.rawValue, lastError: nil,
                      since: nil, identity: [:], configured: [:])
            return
        }
        self.init(name: platform.rawValue, connected: record.status == .connected, status: record.status.rawValue,
                  lastError: record.lastError, since: record.since.iso8601, attempts: record.attempts, identity: record.identity,
                  configured: record.configured)
    }
}

extension ChannelWire.Chat {
    init(_ c: ChatRecord) {
        self.init(jid: c.jid, name: c.title, channel: c.platform.rawValue, isGroup: c.isGroup,
                  lastMessageAt: c.lastMessageAt?.iso8601, namespace: c.namespace)
    }
}

extension ChannelWire.Message {
    init(_ m: ChannelMessage) {
        self.init(id: m.id, chatJid: m.chatJid, direction: m.direction, sender: m.sender, senderName: m.senderName,
                  text: m.text, at: m.at.iso8601, status: m.status, platformMessageId: m.platformMessageID, runId: m.runID,
                  lastError: m.lastError)
    }
}
