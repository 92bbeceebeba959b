import ClawAPI
import ClawCore
import ClawStore

/// Who the platform says the bot is: `account` (its id there) and what answers show.
struct ChannelAccount: Sendable, Equatable {
    var account: String
    var identity: [String: String]
}

/// Why a send did not go through.
enum SendFailure: Error, Sendable, Equatable {
    /// The platform asked to wait (429 `retry_after` / `Retry-After`).
    case retryAfter(seconds: Int, reason: String)
    /// Worth trying again (network, 5xx).
    case transient(String)
    /// Trying again cannot help (400, 403, no connection): the message fails.
    case permanent(String)
}

/// The receiving end of a connection: commits what it receives and acts on the outcome.
protocol ChannelInbox: Sendable {
    /// Commits `message` (and the poll offset that confirms it) before the platform hears it was received.
    func receive(_ message: InboundMessage, channel: ChannelRecord, nextOffset: Int64?) async throws
    /// Commits a poll offset past updates that carried no message.
    func advance(channel: ChannelRecord, to offset: Int64) async throws
    /// The connection's state changed (`lastError` never holds a secret).
    func status(_ channel: ChannelRecord, _ status: ChannelStatus, lastError: String?) async
}

/// One platform's connector. `connect` runs the connection (a long-poll loop; for webhook
/// platforms it only reports `connected`) until it is cancelled (`disconnect`) or the platform
/// refuses it for good (status `error`); the status is the channel row's.
protocol Channel: Sendable {
    var platform: ChannelPlatform { get }
    /// Asks the platform who the credentials belong to; throws `ChannelRejected` when it refuses them.
    func validate(_ credentials: ChannelCredentials) async throws -> ChannelAccount
    func connect(_ channel: ChannelRecord, _ credentials: ChannelCredentials, inbox: any ChannelInbox) async
    /// Sends one part (at most `platform.textLimit` characters); answers the platform's message id.
    func send(_ credentials: ChannelCredentials, to chat: ChatJID, threadID: String?, text: String) async throws(SendFailure) -> String?
    /// Shows the bot as typing (best effort).
    func typing(_ credentials: ChannelCredentials, in chat: ChatJID, threadID: String?) async
}
