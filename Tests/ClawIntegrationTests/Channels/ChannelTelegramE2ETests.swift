import ClawCore
import ClawTestSupport
import Foundation
import Testing

@Suite("Channels end to end: fake Telegram → clawd → real podman agent → fake Telegram", .serialized)
struct ChannelTelegramE2ETests {
    @Test("mention, context, DM, unregistered chat, follow-up, long reply, IPC message, operator send, allowlist")
    func telegramRouting() async throws {
        try await ChannelHarness.with { h in
            let tg = h.telegram
            try await h.group("team", chats: ["tg:-100"])
            try await h.group("direct", chats: ["tg:42"])
            try await h.group("locked", chats: ["tg:-300", "tg:-400"])

            // A bad token is a 422 with the platform's reason; nothing is stored.
            let bad = try await h.channels("POST", "/telegram/connect", ["botToken": "999:WRONG"])
            #expect(bad.status == 422 && bad.text.contains("Unauthorized"))
            #expect(try await h.object("GET", "/telegram")["status"] as? String == "disconnected")
            let validated = try await h.object("POST", "/telegram/validate", ["botToken": tg.token])
            #expect((validated["identity"] as? [String: String])?["username"] == tg.username)
            #expect(try await h.object("GET", "/telegram")["status"] as? String == "disconnected", "validate stores nothing")
            try await h.connectTelegram()
            let shown = try await h.channels("GET", "/telegram")
            #expect(!shown.text.contains(tg.token))
            #expect(shown.text.contains("…" + tg.token.suffix(4)))

            // Context only, then an unregistered chat: nothing stored, no run.
            tg.userMessage(chatID: -100, text: "hello there, context only")
            tg.userMessage(chatID: -999, text: "@Andy secret words", mentionBot: false)
            try await eventually("context stored") { try await h.messages("tg:-100").count == 1 ? true : nil }
            try await eventually("unregistered chat listed") {
                let r = try await h.channels("GET", "/chats")
                return r.text.contains("tg:-999") ? r.text : nil
            }
            #expect(try await h.messages("tg:-999").isEmpty)
            #expect(try await h.runs("team").isEmpty)

            // A mention wakes the agent: one run, the reply in that chat, with the context in the prompt.
            tg.userMessage(chatID: -100, text: "@\(tg.username) please answer", mentionBot: true)
            let first = try await h.replies(-100)
            #expect(first[0].hasPrefix("received: Alice ("))
            #expect(first[0].contains("hello there, context only") && first[0].contains("please answer"))
            #expect(try await h.runs("team").count == 1)
            #expect(tg.chatActions.contains(-100), "typing while the run is active")

            // While the run is active, a trigger is a follow-up to it (no second run); a long
            // prompt makes a reply over 4,096 characters, split on line boundaries.
            for i in 1...3 { tg.userMessage(chatID: -100, text: "part \(i) " + String(repeating: "x", count: 1800)) }
            tg.userMessage(chatID: -100, text: "@Andy follow up")
            let all = try await h.replies(-100, atLeast: 3)
            #expect(all.allSatisfy { $0.count <= 4096 })
            #expect(all.dropFirst().joined(separator: "\n").contains("@Andy follow up"))
            #expect(try await h.runs("team").count == 1)

            // An agent's IPC messages/ file goes to a chat of its group.
            let ipc = h.d.dir + "/data/ipc/team/messages"
            try Data(#"{"chatJid":"tg:-100","text":"ipc hello"}"#.utf8).write(to: URL(fileURLWithPath: ipc + "/1.json"))
            try await eventually("ipc message sent") { tg.sent(chatID: -100).contains { $0.text == "ipc hello" } ? true : nil }

            // A forum topic: the reply goes to the same topic.
            try await h.group("forum", chats: ["tg:-600"])
            tg.userMessage(chatID: -600, text: "@Andy in a topic", threadID: 77)
            try await h.replies(-600)
            #expect(tg.sent(chatID: -600).first?.threadID == 77)

            // A direct message triggers; the operator can send through the API.
            tg.userMessage(chatID: 42, text: "hi in private")
            #expect(try await h.replies(42)[0].contains("hi in private"))
            let accepted = try await h.object("POST", "/messages", ["chatJid": "tg:42", "text": "operator says"], expect: 202)
            #expect(accepted["status"] as? String == "pending")
            try await eventually("operator message sent") { tg.sent(chatID: 42).contains { $0.text == "operator says" } ? true : nil }
            try await eventually("status sent") {
                try await h.messages("tg:42").first { $0["id"] as? String == accepted["messageId"] as? String }?["status"] as? String == "sent" ? true : nil
            }

            // Allowlist: drop stores nothing; trigger mode keeps context but cannot wake the agent.
            _ = try await h.object("PUT", "/sender-allowlist", [
                "default": ["allow": "*", "mode": "trigger"], "logDenied": true,
                "chats": ["tg:-300": ["allow": ["7"], "mode": "drop"], "tg:-400": ["allow": ["7"], "mode": "trigger"]],
            ])
            tg.userMessage(chatID: -300, text: "@Andy dropped")
            tg.userMessage(chatID: -400, text: "@Andy not allowed")
            try await eventually("context stored") { try await h.messages("tg:-400").count == 1 ? true : nil }
            #expect(try await h.runs("locked").isEmpty, "a sender not allowed cannot trigger")
            tg.userMessage(chatID: -400, fromID: 7, firstName: "Seven", text: "@Andy allowed")
            let locked = try await h.replies(-400)
            #expect(locked[0].contains("Seven (") && locked[0].contains("not allowed"), "the refused message is context")
            #expect(try await h.runs("locked").count == 1)
            #expect(try await h.messages("tg:-300").isEmpty)
            #expect(try await h.messages("tg:-400").filter { $0["direction"] as? String == "in" }.count == 2)
            #expect(tg.sent(chatID: -300).isEmpty)
            let audit = try await h.d.list("/audit-log?limit=200").filter { $0["action"] as? String == "channel.sender" }
            #expect(audit.count == 2)

            // Every update was handed out and confirmed; none twice after its commit.
            #expect(tg.conflicts == 0)
            let metrics = try await h.d.daemon.tcp.get("/metrics").text
            for name in ["clawd_channel_messages_in_total", "clawd_channel_messages_out_total"] {
                #expect(metrics.contains(name + "{platform=\"telegram\"}"), "\(name) missing")
            }

            // No secret anywhere but its own 0600 file.
            await h.d.stop()
            let leaks = try SecretScan.files(containing: tg.token, under: h.d.dir, except: "/data/channels/")
            #expect(leaks.isEmpty, "token found in \(leaks)")
            #expect(!h.d.daemon.stderr.contains(tg.token) && !h.d.daemon.stdout.contains(tg.token))
        }
    }
}

/// Greps a directory tree for a secret (binary files included).
enum SecretScan {
    static func files(containing secret: String, under root: String, except: String) throws -> [String] {
        var found: [String] = []
        let needle = Data(secret.utf8)
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        for case let path as String in walker {
            let full = root + "/" + path
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue,
                  !full.contains(except), let data = FileManager.default.contents(atPath: full) else { continue }
            if data.range(of: needle) != nil { found.append(path) }
        }
        return found
    }
}
