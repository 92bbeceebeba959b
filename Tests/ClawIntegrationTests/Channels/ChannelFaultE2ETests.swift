import ClawCore
import ClawTestSupport
import Foundation
import Testing

@Suite("Channels under faults: platform errors, SIGKILL with a pending reply", .serialized)
struct ChannelFaultE2ETests {
    @Test("dropped, 500 and 429 polls and a 429 send: every message answered exactly once; a reply pending at SIGKILL is sent after restart")
    func faults() async throws {
        try await ChannelHarness.with { h in
            let tg = h.telegram
            try await h.group("ops", chats: ["tg:-500"], main: true)
            tg.fail("getUpdates", with: [.unreadable, .serverError, .tooManyRequests(retryAfter: 1)])
            try await h.connectTelegram()
            #expect(tg.calls("getUpdates") >= 4, "reconnected after each fault")

            tg.fail("sendMessage", with: [.tooManyRequests(retryAfter: 1)])
            let update = tg.userMessage(chatID: -500, text: "one")
            let replies = try await h.replies(-500)
            #expect(replies.count == 1 && replies[0].contains("one"))
            #expect(tg.deliveries(of: update) == 1)
            // Telegram hands the committed message out again (a lost confirmation): processed once.
            let replayed = try #require(tg.replay(update))
            try await eventually("replay confirmed") { tg.confirmedOffset > replayed ? true : nil }
            #expect(tg.deliveries(of: replayed) == 1)
            #expect(try await h.messages("tg:-500").filter { $0["direction"] as? String == "in" }.count == 1)

            // The platform refuses every send: the reply stays pending; clawd dies; after a
            // restart the outbox sends it.
            tg.fail("sendMessage", with: Array(repeating: .serverError, count: 1000))
            let second = tg.userMessage(chatID: -500, text: "two")
            try await eventually("reply pending with its error", timeout: .seconds(180)) {
                try await h.messages("tg:-500").first {
                    $0["direction"] as? String == "out" && $0["status"] as? String == "pending" && $0["lastError"] is String
                } != nil ? true : nil
            }
            h.d.daemon.signal(SIGKILL)
            _ = await h.d.daemon.waitExit(timeout: .seconds(10))
            tg.clearFaults()
            h.d = try await RunsDaemon.start(dir: h.d.dir, install: h.d.install, org: h.d.org,
                                             env: ChannelHarness.env(tg, h.whatsapp, h.slack))
            let after = try await h.replies(-500, atLeast: 2)
            #expect(after.count == 2 && after[1].contains("two"))
            // The restarted poll confirms from the stored offset: nothing is handed out again.
            try await eventually("polling again") { tg.confirmedOffset > second ? true : nil }
            #expect(tg.deliveries(of: second) == 1)
            #expect(try await h.messages("tg:-500").filter { $0["direction"] as? String == "in" }.count == 2)
            #expect(tg.sent(chatID: -500).count == 2, "no reply sent twice")
        }
    }

    @Test("409 (another poller) and 401 (revoked token) set the channel to error with the reason and stop polling; connect starts again")
    func fatalPollErrors() async throws {
        try await ChannelHarness.with { h in
            let tg = h.telegram
            for (fault, reason) in [(FakeTelegram.Fault.conflict, "Conflict"), (.unauthorized, "Unauthorized")] {
                try await h.connectTelegram()
                tg.fail("getUpdates", with: [fault, fault, fault])
                let channel = try await eventually("status error") {
                    let c = try await h.object("GET", "/telegram")
                    return c["status"] as? String == "error" ? c : nil
                }
                #expect((channel["lastError"] as? String)?.contains(reason) == true, "\(channel)")
                #expect(try await h.channels("GET", "/telegram").text.contains(tg.token) == false)
                // It stopped at the first: the other two faults are still queued (a retry would take one).
                #expect(tg.pendingFaults("getUpdates") == 2)
                tg.clearFaults()
            }
            try await h.connectTelegram()
        }
    }

    @Test("bad input: the dialect's error naming the field, nothing stored; slack needs an app token; discord a bot token; another org's chat 404")
    func badInput() async throws {
        try await ChannelHarness.with { h in
            let cases: [(String, String, Any?, Int, String?)] = [
                ("POST", "/telegram/connect", [String: Any](), 400, "botToken"),
                ("POST", "/telegram/connect", ["botToken": 5], 400, "botToken"),
                ("POST", "/telegram/connect", ["botToken": "a b"], 400, "botToken"),
                ("POST", "/telegram/connect", ["botToken": "x", "extra": 1], 400, nil),
                ("POST", "/whatsapp/connect", ["phoneNumberId": "12x", "accessToken": "a", "appSecret": "b", "verifyToken": "c"], 400, "phoneNumberId"),
                ("POST", "/messages", ["chatJid": "xx:1", "text": "hi"], 400, "chatJid"),
                ("POST", "/messages", ["chatJid": "tg:1", "text": ""], 400, "text"),
                ("POST", "/messages", ["chatJid": "tg:1", "text": String(repeating: "a", count: 20_000)], 400, "text"),
                ("POST", "/messages", ["chatJid": "tg:1"], 400, "text"),
                ("PUT", "/sender-allowlist", ["default": ["allow": "x"]], 400, nil),
                ("PUT", "/sender-allowlist", ["chats": ["bad": ["allow": "*"]]], 400, "chats"),
                ("GET", "/chats/tg:abc/messages", nil, 404, nil),
                ("GET", "/chats/tg:-100/messages", nil, 404, nil),
                ("GET", "/chats/tg:-100/messages?limit=0", nil, 404, nil),
                ("POST", "/messages", ["chatJid": "tg:-100", "text": "hi"], 404, "chatJid"),
                ("GET", "/irc", nil, 404, nil),
                ("POST", "/irc/connect", ["botToken": "x"], 404, nil),
            ]
            for (method, path, body, status, param) in cases {
                let r = try await h.channels(method, path, body)
                #expect(r.status == status, "\(method) \(path) → \(r.status) \(r.text)")
                let json = try JSONSerialization.jsonObject(with: r.body) as? [String: Any] ?? [:]
                #expect(json["error"] is String && json["code"] is String, "\(path): \(r.text)")
                if let param { #expect(json["param"] as? String == param, "\(path): \(r.text)") }
            }
            for body in [[String: Any](), ["botToken": 5], ["botToken": "a b"]] {
                let r = try await h.channels("POST", "/discord/connect", body)
                let json = try JSONSerialization.jsonObject(with: r.body) as? [String: Any] ?? [:]
                #expect(r.status == 400 && json["param"] as? String == "botToken", "discord \(body): \(r.text)")
            }
            for body in [["botToken": "xoxb-1"], ["botToken": "xoxb-1", "appToken": "xoxb-2"]] {
                let r = try await h.channels("POST", "/slack/connect", body)
                let json = try JSONSerialization.jsonObject(with: r.body) as? [String: Any] ?? [:]
                #expect(r.status == 400 && json["param"] as? String == "appToken", "slack \(body.keys.sorted()): \(r.text)")
            }
            #expect(try await h.object("GET", "/telegram")["status"] as? String == "disconnected")
            #expect(try await h.channels("GET", "/chats").text == "[]")
            #expect(try await h.object("GET", "/sender-allowlist")["logDenied"] as? Bool == false)
        }
    }
}
