import ClawCore
import ClawTestSupport
import Foundation
import Testing

@Suite("Channels end to end: fake Slack (Web API + Socket Mode) → clawd → real podman agent → fake Slack", .serialized)
struct ChannelSlackE2ETests {
    static func inbound(_ h: ChannelHarness, _ jid: String) async throws -> [[String: Any]] {
        try await h.messages(jid).filter { $0["direction"] as? String == "in" }
    }

    @Test("mention in a thread → one run → reply in the thread; context, own messages and edits never trigger; long replies split")
    func routing() async throws {
        try await ChannelHarness.with { h in
            let slack = h.slack
            try await h.group("slackteam", chats: ["slack:C100"])

            // A bot token Slack refuses is a 422 naming Slack's error; an app token that is not
            // one is a 400; nothing is stored.
            let bad = try await h.channels("POST", "/slack/connect", ["botToken": "xoxb-wrong", "appToken": slack.appToken])
            #expect(bad.status == 422 && bad.text.contains("invalid_auth"), "\(bad.text)")
            let notApp = try await h.channels("POST", "/slack/connect", ["botToken": slack.botToken, "appToken": "xoxb-x"])
            #expect(notApp.status == 400 && notApp.text.contains("appToken"))
            #expect(try await h.object("GET", "/slack")["status"] as? String == "disconnected")
            try await h.connectSlack()
            let shown = try await h.object("GET", "/slack")
            #expect(shown["attempts"] as? Int == 0)
            #expect((shown["identity"] as? [String: String])?.values.contains(slack.botUserID) == true)
            #expect(slack.live == 1)
            // Connecting again replaces the connection: the old socket is closed (its close
            // handshake done) before the next opens. The fake's own bookkeeping of the closed
            // link can trail the handshake on a loaded host, so it may count both for a moment.
            try await h.connectSlack()
            try await eventually("one live connection") { slack.live == 1 && slack.opened == 2 ? true : nil }
            #expect(slack.maxLive <= 2)

            // Context, the bot's own messages (by user and by bot_id) and edits: no run.
            let context = slack.userMessage(channel: "C100", text: "context words")
            slack.userMessage(channel: "C100", text: "<@\(slack.botUserID)> talking to myself", user: slack.botUserID)
            slack.userMessage(channel: "C100", text: "<@\(slack.botUserID)> from an integration", botID: "B0OTHER")
            slack.userMessage(channel: "C100", text: "<@\(slack.botUserID)> edited", subtype: "message_changed")
            try await eventually("every envelope acknowledged") { slack.unacked == 0 && slack.acksReceived >= 4 ? true : nil }
            #expect(try await h.runs("slackteam").isEmpty, "no trigger among context, own and edited messages")
            #expect(try await Self.inbound(h, "slack:C100").contains { $0["text"] as? String == "context words" })
            #expect(!(try await Self.inbound(h, "slack:C100")).contains { ($0["text"] as? String)?.contains("edited") == true })

            // A mention inside a thread: one run, the reply in the same thread, with the context.
            let parent = try #require(slack.messageTS(context))
            slack.userMessage(channel: "C100", text: "<@\(slack.botUserID)> please answer", threadTS: parent)
            let reply = try await eventually("reply in the thread", timeout: .seconds(90)) { slack.sent(channel: "C100").first }
            #expect(reply.threadTS == parent)
            #expect(reply.text.hasPrefix("received:") && reply.text.contains("please answer") && reply.text.contains("context words"))
            #expect(try await h.runs("slackteam").count == 1)

            // A prompt over Slack's 4,000 characters: the reply comes in parts, each within the limit.
            for i in 1...3 { slack.userMessage(channel: "C100", text: "part \(i) " + String(repeating: "y", count: 1800)) }
            slack.userMessage(channel: "C100", text: "<@\(slack.botUserID)> long one")
            let all = try await eventually("long reply in parts", timeout: .seconds(90)) {
                let sent = slack.sent(channel: "C100")
                return sent.contains { $0.text.contains("long one") } ? sent : nil
            }
            #expect(all.count >= 3)
            #expect(all.allSatisfy { $0.text.count <= 4000 })

            // Slack asks for a refresh: the next connection opens before the old one closes, and
            // exactly one stays live; a message after it still arrives once.
            let opened = slack.opened
            slack.disconnect(reason: "refresh_requested")
            try await eventually("refreshed") { slack.opened == opened + 1 && slack.live == 1 ? true : nil }
            #expect(slack.maxLive <= 2)
            let afterRefresh = slack.userMessage(channel: "C100", text: "after the refresh")
            try await eventually("acknowledged") { slack.acked(afterRefresh) ? true : nil }

            // A dropped socket: clawd reconnects; what was sent meanwhile arrives once.
            slack.dropConnections()
            let duringDrop = slack.userMessage(channel: "C100", text: "during the drop")
            try await eventually("reconnected and acknowledged", timeout: .seconds(30)) {
                slack.acked(duringDrop) && slack.live == 1 ? true : nil
            }
            #expect(try await Self.inbound(h, "slack:C100").filter { $0["text"] as? String == "during the drop" }.count == 1)
            try await eventually("connected again") { try await h.object("GET", "/slack")["status"] as? String == "connected" ? true : nil }
            #expect(slack.maxLive <= 2)

            // Slack is down for a while: the channel shows `connecting` with its attempts and
            // the last error, and comes back by itself.
            slack.refuseConnections(true)
            slack.dropConnections()
            let down = try await eventually("retrying", timeout: .seconds(30)) {
                let c = try await h.object("GET", "/slack")
                return c["status"] as? String == "connecting" && (c["attempts"] as? Int ?? 0) >= 2 ? c : nil
            }
            #expect((down["lastError"] as? String)?.contains("internal_error") == true, "\(down)")
            slack.refuseConnections(false)
            try await eventually("back", timeout: .seconds(30)) {
                let c = try await h.object("GET", "/slack")
                return c["status"] as? String == "connected" && c["attempts"] as? Int == 0 ? true : nil
            }
            #expect(slack.live == 1)

            // No secret anywhere but its own 0600 file.
            await h.d.stop()
            for token in [slack.botToken, slack.appToken] {
                let leaks = try SecretScan.files(containing: token, under: h.d.dir, except: "/data/channels/")
                #expect(leaks.isEmpty, "token found in \(leaks)")
                #expect(!h.d.daemon.stderr.contains(token) && !h.d.daemon.stdout.contains(token))
            }
        }
    }

    @Test("SIGKILL after a commit whose acknowledgement was lost: Slack redelivers after the restart, processed once")
    func killWithUnackedEnvelope() async throws {
        try await ChannelHarness.with { h in
            let slack = h.slack
            try await h.group("slackcrash", chats: ["slack:C200"])
            try await h.connectSlack()
            slack.loseAcks(true)
            let envelope = slack.userMessage(channel: "C200", text: "<@\(slack.botUserID)> before the crash")
            try await eventually("committed") { try await Self.inbound(h, "slack:C200").count == 1 ? true : nil }
            try await eventually("acknowledgement sent (and lost)") { slack.acksReceived >= 1 ? true : nil }
            #expect(!slack.acked(envelope))
            h.d.daemon.signal(SIGKILL)
            _ = await h.d.daemon.waitExit(timeout: .seconds(10))
            slack.loseAcks(false)
            h.d = try await RunsDaemon.start(dir: h.d.dir, install: h.d.install, org: h.d.org,
                                             env: ChannelHarness.env(h.telegram, h.whatsapp, slack))
            try await eventually("redelivered and acknowledged", timeout: .seconds(60)) { slack.acked(envelope) ? true : nil }
            #expect(slack.deliveries(of: envelope) >= 2)
            let replies = try await eventually("one reply", timeout: .seconds(90)) {
                let sent = slack.sent(channel: "C200")
                return sent.isEmpty ? nil : sent
            }
            #expect(replies.count == 1 && replies[0].text.contains("before the crash"))
            #expect(try await Self.inbound(h, "slack:C200").count == 1, "stored once")
            // The run in flight at the kill (if it had started) failed as interrupted and was
            // queued again once: one answered run.
            let runs = try await h.runs("slackcrash")
            #expect(runs.filter { $0["status"] as? String != "failed" }.count == 1, "\(runs)")
            #expect(runs.filter { $0["status"] as? String == "failed" }.allSatisfy { ($0["error"] as? String)?.contains("interrupted") == true })
        }
    }
}
