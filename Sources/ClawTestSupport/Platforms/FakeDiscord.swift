import Foundation
import Hummingbird
import Synchronization

/// A local Discord, written from the documented REST API v10 and Gateway (JSON encoding).
/// REST (`/api/v10`, `Authorization: Bot <token>`, 401 otherwise): `GET /users/@me`,
/// `GET /gateway/bot` (its own Gateway), `POST /channels/{id}/messages` (2,000 characters,
/// 400 code 50035 beyond; 429 with `retry_after` and `global` when told to),
/// `POST /channels/{id}/typing` (204). Gateway: op 10 Hello, op 2 Identify (a wrong token
/// closes 4004; MESSAGE_CONTENT closes 4014 when the intent is refused) → READY; op 1 heartbeat
/// → op 11 ACK (unless told to stop); MESSAGE_CREATE dispatches numbered per session and kept,
/// so op 6 Resume (on `resume_gateway_url`) replays those after the given seq, then RESUMED; an
/// unknown or invalidated session gets op 9. On request: op 7, op 9, a close code, a dropped
/// socket. Counts connections live now, at most at once and ever, identifies and resumes.
public final class FakeDiscord: Sendable {
    public struct Sent: Sendable, Equatable {
        public var channelID: String
        public var content: String
        public var messageID: String
    }

    enum Frame: Sendable {
        case text(String)
        case drop
        case close(Int, String)
    }

    struct Link {
        var id: Int
        var out: AsyncStream<Frame>.Continuation
        var session: String?
    }

    struct Session {
        var id: String
        var seq = 0
        /// seq → the dispatch frame, for replay on resume.
        var events: [(seq: Int, text: String, messageID: String?)] = []
        var valid = true
    }

    struct State {
        var links: [Link] = []
        var sessions: [String: Session] = [:]
        var current: String?
        var backlog: [(String, Message)] = []
        var opened = 0
        var maxLive = 0
        var nextLink = 1
        var nextID: Int64 = 1_300_000_000_000_000_000
        var identifies: [Int] = []
        var resumes: [Int] = []
        var resumeLinks = 0
        var heartbeats: [Int?] = []
        var acking = true
        var skipAcks = 0
        var messageContentAllowed = true
        var heartbeatInterval: Int
        var sent: [Sent] = []
        var typing: [String] = []
        var rateLimits: [(Double, Bool)] = []
        var deliveries: [String: Int] = [:]
    }

    public let botToken: String
    public let bot: User
    public let port: Int
    let state: Mutex<State>

    /// `heartbeatInterval` in milliseconds (Discord's is about 41 s; tests use a short one).
    public init(botToken: String = "MTA.fake.\(UUID().uuidString.prefix(8))", botUserID: String = "1100000000000000001",
                heartbeatInterval: Int = 41_250) throws {
        self.botToken = botToken
        bot = User(id: botUserID, username: "clawd", global_name: "Clawd", bot: true)
        port = try TestPaths.freePort()
        state = Mutex(State(heartbeatInterval: heartbeatInterval))
    }

    /// The REST base (`discord_api_base`).
    public var apiBase: String { "http://127.0.0.1:\(port)/api/v10" }
    var gatewayURL: String { "ws://127.0.0.1:\(port)" }
    var resumeURL: String { "ws://127.0.0.1:\(port)/resume" }

    // MARK: test controls

    /// Dispatches MESSAGE_CREATE from a user (or a bot) in `channelID`, mentioning the bot when
    /// told to; before any session exists it waits for the next READY. Answers the message id.
    @discardableResult
    public func userMessage(channelID: String, content: String, authorID: String = "1200000000000000001",
                            authorBot: Bool = false, mentionsBot: Bool = false, guildID: String? = "1000000000000000001") -> String {
        let author = User(id: authorID, username: authorBot ? "otherbot" : "alice", global_name: authorBot ? nil : "Alice",
                          bot: authorBot ? true : nil)
        return post(channelID: channelID, content: content, author: author, mentions: mentionsBot ? [bot] : [], guildID: guildID)
    }

    /// Sends op 7 Reconnect on every live connection.
    public func requestReconnect() { broadcast(.text(Self.json(Outgoing(op: 7, d: Int?.none)))) }

    /// Invalidates the current session and sends op 9 (`d: false`) on every live connection.
    public func invalidateSession() {
        state.withLock { s in if let c = s.current { s.sessions[c]?.valid = false } }
        broadcast(.text(Self.json(Outgoing(op: 9, d: false))))
    }

    /// Ends every live connection's TCP stream without a close frame.
    public func dropConnections() { broadcast(.drop) }

    /// Closes every live connection with `code`.
    public func closeConnections(code: Int, reason: String = "closed by the test") { broadcast(.close(code, reason)) }

    /// Whether heartbeats are acknowledged (op 11).
    public func acknowledgeHeartbeats(_ on: Bool) { state.withLock { $0.acking = on } }

    /// The next `count` heartbeats go unacknowledged.
    public func skipHeartbeatAcks(_ count: Int) { state.withLock { $0.skipAcks += count } }

    /// Whether the bot may use the MESSAGE_CONTENT privileged intent (refused: Identify closes 4014).
    public func allowMessageContent(_ on: Bool) { state.withLock { $0.messageContentAllowed = on } }

    /// The next `POST /channels/{id}/messages` calls answer 429 with these `retry_after` seconds.
    public func rateLimit(_ seconds: [Double], global: Bool = false) {
        state.withLock { $0.rateLimits += seconds.map { ($0, global) } }
    }

    public func sent(channelID: String) -> [Sent] { state.withLock { $0.sent.filter { $0.channelID == channelID } } }
    public var allSent: [Sent] { state.withLock { $0.sent } }
    public func typing(channelID: String) -> Int { state.withLock { $0.typing.filter { $0 == channelID }.count } }
    public var live: Int { state.withLock { $0.links.count } }
    public var maxLive: Int { state.withLock { $0.maxLive } }
    public var opened: Int { state.withLock { $0.opened } }
    /// The intents of each Identify, in order.
    public var identifies: [Int] { state.withLock { $0.identifies } }
    /// The `seq` of each Resume, in order.
    public var resumes: [Int] { state.withLock { $0.resumes } }
    /// Connections opened on `resume_gateway_url`.
    public var resumeConnections: Int { state.withLock { $0.resumeLinks } }
    /// The `d` of each heartbeat received.
    public var heartbeats: [Int?] { state.withLock { $0.heartbeats } }
    /// The sequence number of the current session's last dispatch.
    public var lastSeq: Int { state.withLock { s in s.current.flatMap { s.sessions[$0]?.seq } ?? 0 } }
    /// How many times a dispatch carrying `messageID` went out (first delivery and replays).
    public func deliveries(of messageID: String) -> Int { state.withLock { $0.deliveries[messageID] ?? 0 } }
}
