import ClawAPI
import ClawCore
@testable import ClawDaemon
@testable import ClawStore
import ClawTestSupport
import Foundation
import Synchronization
import Testing

/// An inbox and session keeper that commit like the store does: a message id seen before is a
/// duplicate, the committed sequence number is the one a resume starts from, and a commit can be
/// held back.
final class GatewayInbox: ChannelInbox, DiscordSessionKeeper {
    struct State {
        var committed: [InboundMessage] = []
        var seen: Set<String> = []
        var duplicates = 0
        var statuses: [(ChannelStatus, String?)] = []
        var held = false
        var offset: Int64 = 0
        var session: GatewaySession?
    }

    let state = Mutex(State())
    var committed: [InboundMessage] { state.withLock { $0.committed } }
    var texts: [String] { committed.map(\.text) }
    var duplicates: Int { state.withLock { $0.duplicates } }
    var lastStatus: ChannelStatus? { state.withLock { $0.statuses.last?.0 } }
    var lastError: String? { state.withLock { $0.statuses.last?.1 } }
    var offset: Int64 { state.withLock { $0.offset } }
    func hold(_ on: Bool) { state.withLock { $0.held = on } }

    func receive(_ message: InboundMessage, channel: ChannelRecord, nextOffset: Int64?) async throws {
        while state.withLock({ $0.held }) { try await Task.sleep(for: .milliseconds(20)) }
        state.withLock { s in
            if s.seen.insert(message.platformMessageID).inserted { s.committed.append(message) } else { s.duplicates += 1 }
            if let nextOffset { s.offset = max(s.offset, nextOffset) }
        }
    }

    func advance(channel: ChannelRecord, to offset: Int64) async throws { state.withLock { $0.offset = max($0.offset, offset) } }
    func status(_ channel: ChannelRecord, _ status: ChannelStatus, lastError: String?) async {
        state.withLock { $0.statuses.append((status, lastError)) }
    }

    func discordSession(channelID: String) async -> GatewaySession? {
        state.withLock { s in s.session.map { GatewaySession(id: $0.id, resumeURL: $0.resumeURL, seq: Int(s.offset)) } }
    }

    func discordSessionBegan(channelID: String, _ session: GatewaySession?) async {
        state.withLock { s in
            s.session = session
            s.offset = Int64(session?.seq ?? 0)
        }
    }
}

@Suite("Discord over the Gateway, against the local fake Discord")
struct DiscordChannelTests {
    static let channelID = "1400000000000000001"
    static let timing = DiscordChannel.Timing(firstBeatJitter: 0...0.2, invalidSessionWait: 0...0.1, helloTimeout: .seconds(10))

    static func withDiscord(heartbeat: Int = 2000, _ body: (FakeDiscord, ChannelCredentials) async throws -> Void) async throws {
        let discord = try FakeDiscord(heartbeatInterval: heartbeat)
        let server = Task { try await discord.run() }
        defer { server.cancel() }
        let credentials = ChannelCredentials(botToken: discord.botToken)
        let probe = DiscordChannel(base: discord.apiBase, sessions: GatewayInbox())
        _ = try await eventually("fake Discord listening", timeout: .seconds(60)) { try? await probe.validate(credentials) }
        try await body(discord, credentials)
    }

    static func record(_ discord: FakeDiscord) -> ChannelRecord {
        ChannelRecord(id: "ch-1", orgID: "org", platform: .discord, account: discord.bot.id, configured: [:], identity: [:],
                      status: .connecting, lastError: nil, since: .now(), pollOffset: 0)
    }

    static func connector(_ discord: FakeDiscord, _ inbox: GatewayInbox) -> DiscordChannel {
        DiscordChannel(base: discord.apiBase, sessions: inbox, timing: timing)
    }

    /// Runs a connector while `body` runs (with `inbox`, whose session survives the connector).
    static func connected(_ discord: FakeDiscord, _ credentials: ChannelCredentials, inbox: GatewayInbox = GatewayInbox(),
                          _ body: (GatewayInbox) async throws -> Void) async throws {
        let task = Task { await connector(discord, inbox).connect(record(discord), credentials, inbox: inbox) }
        defer { task.cancel() }
        try await eventually("connected", timeout: .seconds(60)) { inbox.lastStatus == .connected ? true : nil }
        try await body(inbox)
        task.cancel()
        await task.value
    }

    @Test("validate: /users/@me names the bot; a bad token is refused with Discord's message")
    func validate() async throws {
        try await Self.withDiscord { discord, credentials in
            let connector = Self.connector(discord, GatewayInbox())
            let account = try await connector.validate(credentials)
            #expect(account.account == discord.bot.id)
            #expect(account.identity["username"] == "clawd")
            await #expect { try await connector.validate(ChannelCredentials(botToken: "wrong")) } throws: {
                ($0 as? ChannelRejected)?.reason == "401: Unauthorized"
            }
        }
    }

    @Test("identify with GUILDS|GUILD_MESSAGES|DIRECT_MESSAGES|MESSAGE_CONTENT, heartbeat with the last seq, messages committed")
    func identifyAndReceive() async throws {
        try await Self.withDiscord { discord, credentials in
            try await Self.connected(discord, credentials) { inbox in
                #expect(discord.identifies == [37377])
                let mention = discord.userMessage(channelID: Self.channelID, content: "hi <@\(discord.bot.id)>", mentionsBot: true)
                discord.userMessage(channelID: Self.channelID, content: "just chatting")
                discord.userMessage(channelID: Self.channelID, content: "a bot", authorID: "1200000000000000009", authorBot: true)
                try await eventually("committed", timeout: .seconds(60)) { inbox.committed.count == 3 ? true : nil }
                let first = try #require(inbox.committed.first)
                #expect(first.chat == ChatJID(platform: .discord, chatID: Self.channelID))
                #expect(first.platformMessageID == mention && first.mentionsBot && !first.fromBot)
                #expect(inbox.committed.map(\.mentionsBot) == [true, false, false])
                #expect(inbox.committed.map(\.fromBot) == [false, false, true])
                #expect(inbox.offset == Int64(discord.lastSeq))
                let seq = discord.lastSeq
                try await eventually("a heartbeat with the last seq", timeout: .seconds(60)) {
                    discord.heartbeats.contains(seq) ? true : nil
                }
                #expect(discord.resumes.isEmpty && discord.live == 1)
            }
        }
    }

    @Test("a heartbeat left unacknowledged means a dead connection: closed and resumed on resume_gateway_url")
    func missingAck() async throws {
        try await Self.withDiscord { discord, credentials in
            try await Self.connected(discord, credentials) { inbox in
                discord.userMessage(channelID: Self.channelID, content: "before")
                try await eventually("committed", timeout: .seconds(60)) { inbox.committed.count == 1 ? true : nil }
                let seq = discord.lastSeq
                discord.skipHeartbeatAcks(1)
                try await eventually("resumed", timeout: .seconds(60)) { discord.resumes.count == 1 ? true : nil }
                #expect(discord.resumes == [seq])
                #expect(discord.resumeConnections == 1 && discord.identifies.count == 1)
                discord.userMessage(channelID: Self.channelID, content: "after")
                try await eventually("committed after", timeout: .seconds(60)) { inbox.committed.count == 2 ? true : nil }
                try await eventually("one live connection", timeout: .seconds(60)) { discord.live == 1 ? true : nil }
                #expect(inbox.texts == ["before", "after"] && inbox.duplicates == 0)
            }
        }
    }

    @Test("op 7 resumes from the last committed seq: the message behind it is replayed, nothing lost or doubled")
    func reconnectRequest() async throws {
        try await Self.withDiscord { discord, credentials in
            try await Self.connected(discord, credentials) { inbox in
                inbox.hold(true)
                let first = discord.userMessage(channelID: Self.channelID, content: "one")
                try await eventually("delivered", timeout: .seconds(60)) { discord.deliveries(of: first) == 1 ? true : nil }
                let committedSeq = discord.lastSeq
                discord.requestReconnect()
                let second = discord.userMessage(channelID: Self.channelID, content: "two")
                // "two" went out on the connection op 7 ends, behind the held commit of "one".
                try await eventually("two sent", timeout: .seconds(60)) { discord.deliveries(of: second) == 1 ? true : nil }
                #expect(inbox.committed.isEmpty)
                inbox.hold(false)
                try await eventually("both committed", timeout: .seconds(60)) { inbox.committed.count == 2 ? true : nil }
                #expect(discord.resumes == [committedSeq])
                #expect(inbox.texts == ["one", "two"] && inbox.duplicates == 0)
                #expect(discord.deliveries(of: first) == 1 && discord.deliveries(of: second) == 2)
                #expect(discord.identifies.count == 1)
            }
        }
    }

    @Test("op 9 makes the connector identify afresh")
    func invalidSession() async throws {
        try await Self.withDiscord(heartbeat: 5000) { discord, credentials in
            try await Self.connected(discord, credentials) { inbox in
                let before = await inbox.discordSession(channelID: "ch-1")
                discord.invalidateSession()
                try await eventually("identified again", timeout: .seconds(60)) {
                    discord.identifies.count == 2 && inbox.lastStatus == .connected ? true : nil
                }
                let after = await inbox.discordSession(channelID: "ch-1")
                #expect(after != nil && after?.id != before?.id)
                #expect(discord.resumes.isEmpty)
                discord.userMessage(channelID: Self.channelID, content: "new session")
                try await eventually("committed", timeout: .seconds(60)) { inbox.committed.count == 1 ? true : nil }
            }
        }
    }

    @Test("a dropped socket resumes; what was sent meanwhile arrives once")
    func dropped() async throws {
        try await Self.withDiscord(heartbeat: 5000) { discord, credentials in
            try await Self.connected(discord, credentials) { inbox in
                discord.userMessage(channelID: Self.channelID, content: "one")
                try await eventually("committed", timeout: .seconds(60)) { inbox.committed.count == 1 ? true : nil }
                discord.dropConnections()
                discord.userMessage(channelID: Self.channelID, content: "two")
                try await eventually("resumed, two committed", timeout: .seconds(60)) {
                    discord.resumes.count == 1 && inbox.committed.count == 2 ? true : nil
                }
                #expect(inbox.texts == ["one", "two"] && inbox.duplicates == 0)
                #expect(discord.identifies.count == 1 && discord.opened == 2)
            }
        }
    }

    @Test("a connection that keeps dropping right away is retried with a backoff, not in a storm")
    func flapping() async throws {
        try await Self.withDiscord(heartbeat: 5000) { discord, credentials in
            try await Self.connected(discord, credentials) { _ in
                // Every connection is dropped as soon as it is up. A session that lived a second
                // resumes at once; after that each retry waits at least the lower half of the
                // backoff (0.5 s, then 1 s): a storm would reconnect within milliseconds. Load
                // can only make the gaps longer.
                var seen = discord.opened + discord.resumeConnections
                var attempts: [ContinuousClock.Instant] = []
                let deadline = ContinuousClock.now + .seconds(30)
                while attempts.count < 3, ContinuousClock.now < deadline {
                    if discord.live > 0 { discord.dropConnections() }
                    let count = discord.opened + discord.resumeConnections
                    if count > seen {
                        attempts.append(ContinuousClock.now)
                        seen = count
                    }
                    try await Task.sleep(for: .milliseconds(5))
                }
                try #require(attempts.count == 3, "reconnected \(attempts.count) times in 30 s")
                #expect(attempts[1] - attempts[0] >= .milliseconds(450), "\(attempts[1] - attempts[0]) after the first quick drop")
                #expect(attempts[2] - attempts[1] >= .milliseconds(950), "\(attempts[2] - attempts[1]) after the second")
            }
        }
    }

    @Test("a new connector resumes the stored session and gets what arrived while none was connected")
    func resumeAfterRestart() async throws {
        try await Self.withDiscord(heartbeat: 5000) { discord, credentials in
            let inbox = GatewayInbox()
            try await Self.connected(discord, credentials, inbox: inbox) { inbox in
                discord.userMessage(channelID: Self.channelID, content: "one")
                try await eventually("committed", timeout: .seconds(60)) { inbox.committed.count == 1 ? true : nil }
            }
            try await eventually("closed", timeout: .seconds(60)) { discord.live == 0 ? true : nil }
            let seq = discord.lastSeq
            discord.userMessage(channelID: Self.channelID, content: "while away")
            try await Self.connected(discord, credentials, inbox: inbox) { inbox in
                try await eventually("replayed", timeout: .seconds(60)) { inbox.committed.count == 2 ? true : nil }
                #expect(discord.resumes == [seq] && discord.identifies.count == 1)
                #expect(inbox.texts == ["one", "while away"] && inbox.duplicates == 0)
            }
        }
    }

    @Test("close 4004 and 4014 set error with what to do, and no reconnect follows")
    func finalCloses() async throws {
        try await Self.withDiscord(heartbeat: 5000) { discord, credentials in
            let inbox = GatewayInbox()
            let task = Task { await Self.connector(discord, inbox).connect(Self.record(discord), credentials, inbox: inbox) }
            try await eventually("connected", timeout: .seconds(60)) { inbox.lastStatus == .connected ? true : nil }
            discord.closeConnections(code: 4004)
            await task.value
            #expect(inbox.lastStatus == .error)
            #expect(inbox.lastError == "the bot token was rejected — reset it in the Developer Portal and connect again")
            #expect(discord.opened == 1)

            discord.allowMessageContent(false)
            let refused = GatewayInbox()
            await Self.connector(discord, refused).connect(Self.record(discord), credentials, inbox: refused)
            #expect(refused.lastStatus == .error)
            #expect(refused.lastError?.contains("MESSAGE CONTENT") == true)
            #expect(refused.lastError?.contains("Privileged Gateway Intents") == true)
            #expect(discord.opened == 2 && discord.identifies.count == 2)

            let bad = GatewayInbox()
            await Self.connector(discord, bad).connect(Self.record(discord), ChannelCredentials(botToken: "wrong"), inbox: bad)
            #expect(bad.lastStatus == .error && bad.lastError?.contains("bot token was rejected") == true)
            #expect(discord.opened == 2)
        }
    }

    @Test("send: parts of at most 2,000 characters, 50035 beyond, a 429's retry_after passed on, typing")
    func send() async throws {
        try await Self.withDiscord { discord, credentials in
            let connector = Self.connector(discord, GatewayInbox())
            let chat = ChatJID(platform: .discord, chatID: Self.channelID)
            let long = (0..<60).map { "line \($0) " + String(repeating: "é", count: 50) }.joined(separator: "\n")
            let parts = MessageSplitter.split(long, limit: ChannelPlatform.discord.textLimit)
            #expect(parts.count > 1)
            for part in parts { _ = try await connector.send(credentials, to: chat, threadID: nil, text: part) }
            let sent = discord.sent(channelID: Self.channelID)
            #expect(sent.count == parts.count && sent.allSatisfy { $0.content.count <= 2000 })
            await #expect { try await connector.send(credentials, to: chat, threadID: nil, text: String(repeating: "a", count: 2001)) } throws: {
                guard case .permanent(let why) = $0 as? SendFailure else { return false }
                return why.contains("50035")
            }
            discord.rateLimit([2.5], global: true)
            await #expect(throws: SendFailure.retryAfter(seconds: 3, reason: "rate limited (global)")) {
                try await connector.send(credentials, to: chat, threadID: nil, text: "later")
            }
            discord.rateLimit([0.2])
            await #expect(throws: SendFailure.retryAfter(seconds: 1, reason: "rate limited")) {
                try await connector.send(credentials, to: chat, threadID: nil, text: "later")
            }
            await connector.typing(credentials, in: chat, threadID: nil)
            #expect(discord.typing(channelID: Self.channelID) == 1)
        }
    }

    @Test("bots' messages and the bot's own never count as user messages; mentions are the bot's id in mentions")
    func inbound() {
        func message(_ content: String?, author: String = "2", bot: Bool? = nil, mentions: [String] = []) -> DiscordAPI.Message {
            DiscordAPI.Message(id: "10", channel_id: "20", guild_id: "30", author: .init(id: author, username: "u", bot: bot),
                               content: content, timestamp: "2026-01-01T00:00:00.000000+00:00",
                               mentions: mentions.map { .init(id: $0, username: "x") })
        }
        #expect(DiscordChannel.inbound(message("hi", mentions: ["1"]), botUserID: "1")?.mentionsBot == true)
        #expect(DiscordChannel.inbound(message("hi", mentions: ["3"]), botUserID: "1")?.mentionsBot == false)
        #expect(DiscordChannel.inbound(message("from a bot", bot: true), botUserID: "1")?.fromBot == true)
        #expect(DiscordChannel.inbound(message("mine", author: "1"), botUserID: "1")?.fromBot == true)
        #expect(DiscordChannel.inbound(message(""), botUserID: "1") == nil)
        #expect(DiscordChannel.inbound(message(nil), botUserID: "1") == nil)
        #expect(DiscordChannel.inbound(message("x"), botUserID: "1")?.chat.description == "dc:20")
    }
}
