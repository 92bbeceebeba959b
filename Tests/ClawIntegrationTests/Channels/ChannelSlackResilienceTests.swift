import ClawCore
import ClawTestSupport
import Foundation
import Testing

/// Twenty socket drops in a row against the fake Slack: every one reconnects with exactly one
/// live connection and loses nothing. The run also prints the figures of the channel benchmark
/// (reconnect time, message-to-reply latency against a bare `podman run --rm -i` of the same
/// image measured in the same run); nothing is asserted about them.
@Suite("Channels: Slack through 20 dropped sockets (and the reconnect and latency figures)", .serialized)
struct ChannelSlackResilienceTests {
    static func percentile(_ xs: [Double], _ p: Double) -> Double {
        let s = xs.sorted()
        return s[min(s.count - 1, Int((Double(s.count - 1) * p / 100).rounded()))]
    }

    static func millis(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }

    @Test("20 drops: each reconnects to one live connection; the message sent during each drop arrives once")
    func twentyDrops() async throws {
        try await ChannelHarness.with { h in
            let slack = h.slack
            let clock = ContinuousClock()
            try await h.group("slackdrops", chats: ["slack:C300"])
            let connectStart = clock.now
            try await h.connectSlack()
            let firstConnect = Self.millis(clock.now - connectStart)

            var reconnects: [Double] = []
            var envelopes: [String] = []
            for i in 1...20 {
                let opened = slack.opened
                let t0 = clock.now
                slack.dropConnections()
                let envelope = slack.userMessage(channel: "C300", text: "during drop \(i)")
                envelopes.append(envelope)
                try await eventually("reconnect \(i)", timeout: .seconds(30), every: .milliseconds(5)) {
                    slack.opened > opened && slack.live == 1 && slack.acked(envelope) ? true : nil
                }
                reconnects.append(Self.millis(clock.now - t0))
                #expect(slack.maxLive <= 2)
            }
            let inbound = try await h.messages("slack:C300").filter { $0["direction"] as? String == "in" }
            #expect(inbound.count == 20, "every message once: \(inbound.count)")
            #expect(Set(inbound.compactMap { $0["text"] as? String }).count == 20)
            #expect(envelopes.allSatisfy { slack.acked($0) })
            #expect(slack.live == 1)

            // Message to reply: one cold run, then follow-ups into the active run.
            var replies: [Double] = []
            for i in 1...8 {
                let before = slack.sent(channel: "C300").count
                let t0 = clock.now
                slack.userMessage(channel: "C300", text: "<@\(slack.botUserID)> latency \(i)")
                _ = try await eventually("reply \(i)", timeout: .seconds(90), every: .milliseconds(5)) {
                    slack.sent(channel: "C300").count > before ? true : nil
                }
                replies.append(Self.millis(clock.now - t0))
            }
            var bare: [Double] = []
            for i in 1...5 {
                let t0 = clock.now
                let p = Process()
                p.executableURL = URL(fileURLWithPath: "/usr/bin/podman")
                p.arguments = ["run", "--rm", "-i", ChannelHarness.agentImage]
                let input = Pipe()
                p.standardInput = input
                p.standardOutput = FileHandle.nullDevice
                p.standardError = FileHandle.nullDevice
                try p.run()
                input.fileHandleForWriting.write(Data("Bench: hello \(i)".utf8))
                try input.fileHandleForWriting.close()
                p.waitUntilExit()
                #expect(p.terminationStatus == 0)
                bare.append(Self.millis(clock.now - t0))
            }
            let f = { (x: Double) in String(format: "%.0f ms", x) }
            let follow = Array(replies.dropFirst())
            print("""
                BENCH slack: first connect (validate + open + hello) \(f(firstConnect))
                BENCH slack: reconnect after a drop, 20 drops: p50 \(f(Self.percentile(reconnects, 50))) \
                p95 \(f(Self.percentile(reconnects, 95))) max \(f(reconnects.max() ?? 0)) (backoff floor 500-1000 ms)
                BENCH slack: bare podman run --rm -i: p50 \(f(Self.percentile(bare, 50))) p95 \(f(Self.percentile(bare, 95)))
                BENCH slack: mention to reply, new run: \(f(replies[0])) (ratio to bare p50 \
                \(String(format: "%.2f", replies[0] / Self.percentile(bare, 50))))
                BENCH slack: mention to reply, follow-up in the active run: p50 \(f(Self.percentile(follow, 50))) \
                p95 \(f(Self.percentile(follow, 95)))
                """)
        }
    }
}
