import AsyncHTTPClient
import ClawCore
import ClawTestSupport
import Foundation
import GRDB
import Synchronization
import Testing

/// Holds the database's write lock (an open `BEGIN IMMEDIATE`) on a thread of its own until released.
final class WriteLock: Sendable {
    private let state = Mutex((held: false, released: false))
    private let done = DispatchSemaphore(value: 0)

    init(path: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)
        let queue = try DatabaseQueue(path: path, configuration: config)
        Thread { [self] in
            try? queue.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                self.state.withLock { $0.held = true }
                self.done.wait()
                try db.execute(sql: "ROLLBACK")
            }
        }.start()
    }

    var held: Bool { state.withLock { $0.held } }

    func release() {
        let first = state.withLock { s in defer { s.released = true }; return !s.released }
        if first { done.signal() }
    }
}

@Suite("Channels end to end: fake Discord → clawd → real podman agent → fake Discord", .serialized)
struct ChannelDiscordE2ETests {
    static let channel = "1400000000000000001"
    static let jid = "dc:\(channel)"

    static func env(_ h: ChannelHarness, _ discord: FakeDiscord) -> [String: String] {
        ChannelHarness.env(h.telegram, h.whatsapp, h.slack).merging(["CLAWD_DISCORD_API_BASE": discord.apiBase]) { $1 }
    }

    /// The channel harness with a fake Discord (heartbeats every 500 ms) its clawd talks to.
    static func with(_ body: (inout ChannelHarness, FakeDiscord) async throws -> Void) async throws {
        let telegram = try FakeTelegram()
        let whatsapp = try FakeWhatsApp()
        let discord = try FakeDiscord(heartbeatInterval: 500)
        let slack = try FakeSlack()  // not serving: these tests connect no Slack app
        let servers = [Task { try await telegram.run() }, Task { try await whatsapp.run() }, Task { try await discord.run() }]
        defer { for s in servers { s.cancel() } }
        for base in [telegram.baseURL, whatsapp.baseURL, discord.apiBase] {
            try await eventually("fake platform listening", timeout: .seconds(120)) {
                (try? await HTTPClient.shared.execute(HTTPClientRequest(url: base + "/none"), timeout: .seconds(2))) != nil ? true : nil
            }
        }
        let env = ChannelHarness.env(telegram, whatsapp, slack).merging(["CLAWD_DISCORD_API_BASE": discord.apiBase]) { $1 }
        try await RunsDaemon.with(env: env) { d in
            var h = ChannelHarness(d: d, telegram: telegram, whatsapp: whatsapp, slack: slack)
            try await body(&h, discord)
            d = h.d
        }
    }

    static func connect(_ h: ChannelHarness, _ discord: FakeDiscord) async throws {
        _ = try await h.object("POST", "/discord/connect", ["botToken": discord.botToken])
        try await eventually("discord connected", timeout: .seconds(120)) {
            try await h.object("GET", "/discord")["status"] as? String == "connected" ? true : nil
        }
    }

    static func inbound(_ h: ChannelHarness) async throws -> [[String: Any]] {
        try await h.messages(jid).filter { $0["direction"] as? String == "in" }
    }

    static func replies(_ discord: FakeDiscord, atLeast count: Int) async throws -> [String] {
        try await eventually("\(count) replies in \(channel)", timeout: .seconds(120)) {
            let sent = discord.sent(channelID: channel)
            return sent.count >= count ? sent.map(\.content) : nil
        }
    }

    @Test("a mention wakes one run and the reply lands in its channel; other messages and bots' are context")
    func routing() async throws {
        try await Self.with { h, discord in
            try await h.group("guild", chats: [Self.jid])
            let bad = try await h.channels("POST", "/discord/connect", ["botToken": "wrong-token"])
            #expect(bad.status == 422 && bad.text.contains("Unauthorized"), "\(bad.text)")
            #expect(try await h.object("GET", "/discord")["status"] as? String == "disconnected")
            let validated = try await h.object("POST", "/discord/validate", ["botToken": discord.botToken])
            #expect((validated["identity"] as? [String: String])?["id"] == discord.bot.id)
            try await Self.connect(h, discord)
            #expect(discord.identifies == [37377])
            #expect(try await h.channels("GET", "/discord").text.contains(discord.botToken) == false)

            discord.userMessage(channelID: Self.channel, content: "context only")
            discord.userMessage(channelID: Self.channel, content: "<@\(discord.bot.id)> a bot", authorID: "1200000000000000009",
                                authorBot: true, mentionsBot: true)
            try await eventually("context stored") { try await Self.inbound(h).count == 2 ? true : nil }
            #expect(try await h.runs("guild").isEmpty, "neither context nor a bot triggers")

            discord.userMessage(channelID: Self.channel, content: "<@\(discord.bot.id)> please answer", mentionsBot: true)
            let replies = try await Self.replies(discord, atLeast: 1)
            #expect(replies[0].contains("context only") && replies[0].contains("please answer"))
            #expect(replies.allSatisfy { $0.count <= 2000 })
            #expect(try await h.runs("guild").count == 1)
            #expect(discord.typing(channelID: Self.channel) >= 1, "typing while the run is active")
            #expect(discord.allSent.allSatisfy { $0.channelID == Self.channel })
        }
    }

    @Test("a dropped socket resumes without loss or doubles; SIGKILL with a received, uncommitted event replays it once after restart")
    func resilience() async throws {
        try await Self.with { h, discord in
            try await h.group("guild", chats: [Self.jid])
            try await Self.connect(h, discord)

            // Dropped mid-stream: the message sent meanwhile is replayed by the resume.
            discord.userMessage(channelID: Self.channel, content: "before the drop")
            discord.dropConnections()
            discord.userMessage(channelID: Self.channel, content: "<@\(discord.bot.id)> after the drop", mentionsBot: true)
            let first = try await Self.replies(discord, atLeast: 1)
            #expect(first[0].contains("before the drop") && first[0].contains("after the drop"))
            #expect(discord.resumes.count >= 1 && discord.identifies.count == 1)
            #expect(try await Self.inbound(h).count == 2)
            #expect(try await h.runs("guild").count == 1)

            // The database refuses writes: clawd receives the next message (its heartbeat carries
            // the number) but cannot commit it; it dies; the restart resumes before it.
            let committed = discord.lastSeq
            let lock = try WriteLock(path: h.d.databasePath)
            defer { lock.release() }
            try await eventually("database locked", timeout: .seconds(120)) { lock.held ? true : nil }
            let held = discord.userMessage(channelID: Self.channel, content: "<@\(discord.bot.id)> held", mentionsBot: true)
            let heldSeq = discord.lastSeq
            try await eventually("clawd received it", timeout: .seconds(120)) {
                discord.heartbeats.contains { ($0 ?? 0) >= heldSeq } ? true : nil
            }
            h.d.daemon.signal(SIGKILL)
            _ = await h.d.daemon.waitExit(timeout: .seconds(10))
            lock.release()
            h.d = try await RunsDaemon.start(dir: h.d.dir, install: h.d.install, org: h.d.org, env: Self.env(h, discord))
            let second = try await Self.replies(discord, atLeast: 2)
            #expect(second[1].contains("held"))
            #expect(discord.resumes.last == committed, "resumed from the last committed event")
            #expect(discord.deliveries(of: held) >= 2)
            #expect(try await Self.inbound(h).count == 3)
            #expect(try await h.runs("guild").count == 2)
            #expect(discord.sent(channelID: Self.channel).count == 2, "no reply sent twice")
            #expect(discord.identifies.count == 1, "the session survived the restart")
        }
    }
}
