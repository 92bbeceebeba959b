import ClawAPI
import ClawCore
@testable import ClawDaemon
@testable import ClawStore
import ClawTestSupport
import Foundation
import Synchronization
import Testing

/// An inbox that commits like the store does (a `ts` seen before is a duplicate) and can hold
/// a commit back, to see that Slack hears of an envelope only after its message was committed.
final class RecordingInbox: ChannelInbox {
    struct State {
        var committed: [InboundMessage] = []
        var seen: Set<String> = []
        var duplicates = 0
        var statuses: [ChannelStatus] = []
        var held = false
    }

    let state = Mutex(State())
    var committed: [InboundMessage] { state.withLock { $0.committed } }
    var duplicates: Int { state.withLock { $0.duplicates } }
    var lastStatus: ChannelStatus? { state.withLock { $0.statuses.last } }
    func hold(_ on: Bool) { state.withLock { $0.held = on } }

    func receive(_ message: InboundMessage, channel: ChannelRecord, nextOffset: Int64?) async throws {
        while state.withLock({ $0.held }) { try await Task.sleep(for: .milliseconds(20)) }
        state.withLock { s in
            if s.seen.insert(message.platformMessageID).inserted { s.committed.append(message) } else { s.duplicates += 1 }
        }
    }

    func advance(channel: ChannelRecord, to offset: Int64) async throws {}
    func status(_ channel: ChannelRecord, _ status: ChannelStatus, lastError: String?) async {
        state.withLock { $0.statuses.append(status) }
    }
}

@Suite("Slack over Socket Mode, against the local fake Slack")
struct SlackChannelTests {
    static func withSlack(_ body: (FakeSlack, SlackChannel, ChannelCredentials) async throws -> Void) async throws {
        let slack = try FakeSlack()
        let server = Task { try await slack.run() }
        defer { server.cancel() }
        let connector = SlackChannel(base: slack.apiBase)
        let credentials = ChannelCredentials(botToken: slack.botToken, appToken: slack.appToken)
        _ = try await eventually("fake Slack listening", timeout: .seconds(60)) { try? await connector.validate(credentials) }
        try await body(slack, connector, credentials)
    }

    static func record(_ slack: FakeSlack) -> ChannelRecord {
        ChannelRecord(id: "ch-1", orgID: "org", platform: .slack, account: slack.botUserID, configured: [:], identity: [:],
                      status: .connecting, lastError: nil, since: .now(), pollOffset: 0)
    }

    /// Runs the connector while `body` runs.
    static func connected(_ slack: FakeSlack, _ connector: SlackChannel, _ credentials: ChannelCredentials,
                          _ body: (RecordingInbox) async throws -> Void) async throws {
        let inbox = RecordingInbox()
        let task = Task { await connector.connect(record(slack), credentials, inbox: inbox) }
        defer { task.cancel() }
        try await eventually("connected", timeout: .seconds(60)) { inbox.lastStatus == .connected ? true : nil }
        try await body(inbox)
        task.cancel()
        await task.value
    }

    @Test("validate: auth.test names the bot's user id; a bad token is refused with Slack's error")
    func validate() async throws {
        try await Self.withSlack { slack, connector, credentials in
            let account = try await connector.validate(credentials)
            #expect(account.account == slack.botUserID)
            #expect(account.identity["botId"] == slack.botID)
            var bad = credentials
            bad.botToken = "xoxb-wrong"
            await #expect { try await connector.validate(bad) } throws: { ($0 as? ChannelRejected)?.reason == "invalid_auth" }
        }
    }

    @Test("an envelope is acknowledged only after its message is committed; a redelivery is committed once")
    func ackAfterCommit() async throws {
        try await Self.withSlack { slack, connector, credentials in
            try await Self.connected(slack, connector, credentials) { inbox in
                inbox.hold(true)
                let id = slack.userMessage(channel: "C0GENERAL", text: "hello <@\(slack.botUserID)>")
                try await eventually("delivered", timeout: .seconds(60)) { slack.deliveries(of: id) == 1 ? true : nil }
                #expect(!slack.acked(id))
                #expect(inbox.committed.isEmpty)
                inbox.hold(false)
                try await eventually("acknowledged", timeout: .seconds(60)) { slack.acked(id) ? true : nil }
                #expect(inbox.committed.count == 1)
                #expect(inbox.committed.first?.mentionsBot == true)
                #expect(inbox.committed.first?.chat == ChatJID(platform: .slack, chatID: "C0GENERAL"))

                // Slack sends it again (the ack was late): committed once, acknowledged again.
                let again = slack.userMessage(channel: "C0GENERAL", text: "second")
                inbox.hold(true)
                try await eventually("second delivered", timeout: .seconds(60)) { slack.deliveries(of: again) == 1 ? true : nil }
                slack.redeliverUnacked()
                #expect(slack.deliveries(of: again) == 2)
                inbox.hold(false)
                try await eventually("second acknowledged", timeout: .seconds(60)) { slack.acked(again) ? true : nil }
                try await eventually("redelivery seen as duplicate", timeout: .seconds(60)) { inbox.duplicates == 1 ? true : nil }
                #expect(inbox.committed.map(\.text) == ["hello <@\(slack.botUserID)>", "second"])
            }
        }
    }

    @Test("a disconnect refresh opens the next connection first and leaves exactly one live")
    func refresh() async throws {
        try await Self.withSlack { slack, connector, credentials in
            try await Self.connected(slack, connector, credentials) { inbox in
                #expect(slack.opened == 1)
                slack.disconnect(reason: "refresh_requested")
                try await eventually("second connection, first closed", timeout: .seconds(60)) {
                    slack.opened == 2 && slack.live == 1 ? true : nil
                }
                #expect(slack.maxLive == 2)
                let id = slack.userMessage(channel: "C0GENERAL", text: "after refresh")
                try await eventually("acknowledged", timeout: .seconds(60)) { slack.acked(id) ? true : nil }
                #expect(inbox.committed.map(\.text) == ["after refresh"])
                #expect(slack.live == 1)
            }
            try await eventually("connection closed when the connector stops", timeout: .seconds(60)) { slack.live == 0 ? true : nil }
        }
    }

    @Test("a dropped socket reconnects; what was sent meanwhile arrives once")
    func dropped() async throws {
        try await Self.withSlack { slack, connector, credentials in
            try await Self.connected(slack, connector, credentials) { inbox in
                inbox.hold(true)
                let id = slack.userMessage(channel: "C0GENERAL", text: "in flight")
                try await eventually("delivered", timeout: .seconds(60)) { slack.deliveries(of: id) == 1 ? true : nil }
                slack.dropConnections()
                inbox.hold(false)
                try await eventually("reconnected and acknowledged", timeout: .seconds(60)) {
                    slack.opened == 2 && slack.acked(id) ? true : nil
                }
                #expect(inbox.committed.map(\.text) == ["in flight"])
                #expect(slack.live == 1)
            }
        }
    }

    @Test("link_disabled and a refused app token stop with an error instead of reconnecting")
    func finalErrors() async throws {
        try await Self.withSlack { slack, connector, credentials in
            var bad = credentials
            bad.appToken = "xapp-wrong"
            let inbox = RecordingInbox()
            await connector.connect(Self.record(slack), bad, inbox: inbox)
            #expect(inbox.lastStatus == .error)
            #expect(slack.calls("apps.connections.open") == 1)

            let disabled = RecordingInbox()
            let task = Task { await connector.connect(Self.record(slack), credentials, inbox: disabled) }
            try await eventually("connected", timeout: .seconds(60)) { disabled.lastStatus == .connected ? true : nil }
            slack.disconnect(reason: "link_disabled")
            await task.value
            #expect(disabled.lastStatus == .error)
            try await eventually("the disabled link closed", timeout: .seconds(60)) { slack.live == 0 ? true : nil }
        }
    }

    @Test("send posts in the thread and passes on a 429's Retry-After")
    func send() async throws {
        try await Self.withSlack { slack, connector, credentials in
            let chat = ChatJID(platform: .slack, chatID: "C0GENERAL")
            let ts = try await connector.send(credentials, to: chat, threadID: "1700000000.000001", text: "reply")
            let sent = slack.sent(channel: "C0GENERAL")
            #expect(sent.map(\.text) == ["reply"])
            #expect(sent.first?.threadTS == "1700000000.000001")
            #expect(ts != nil && sent.first?.ts == ts)
            slack.rateLimit([7])
            await #expect(throws: SendFailure.retryAfter(seconds: 7, reason: "ratelimited")) {
                try await connector.send(credentials, to: chat, threadID: nil, text: "later")
            }
        }
    }

    @Test("bots' posts, the bot's own and edits never count as user messages; mentions are <@id>")
    func inbound() {
        func event(_ text: String, user: String? = "U1", bot: String? = nil, subtype: String? = nil, thread: String? = nil) -> SlackAPI.Event {
            SlackAPI.Event(type: "message", channel: "C1", user: user, text: text, ts: "1.000001", thread_ts: thread,
                           channel_type: "channel", bot_id: bot, subtype: subtype)
        }
        #expect(SlackChannel.inbound(event("hi <@UBOT>"), botUserID: "UBOT")?.mentionsBot == true)
        #expect(SlackChannel.inbound(event("hi <@UOTHER>"), botUserID: "UBOT")?.mentionsBot == false)
        #expect(SlackChannel.inbound(event("from a bot", bot: "B1"), botUserID: "UBOT")?.fromBot == true)
        #expect(SlackChannel.inbound(event("mine", user: "UBOT"), botUserID: "UBOT")?.fromBot == true)
        #expect(SlackChannel.inbound(event("edited", subtype: "message_changed"), botUserID: "UBOT") == nil)
        #expect(SlackChannel.inbound(event("joined", subtype: "channel_join"), botUserID: "UBOT") == nil)
        #expect(SlackChannel.inbound(event("in thread", thread: "0.5"), botUserID: "UBOT")?.threadID == "0.5")
    }
}
