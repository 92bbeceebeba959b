import ClawCore
import ClawTestSupport
import Foundation
import Testing

@Suite("clawctl channel against a clawd and the fake Telegram", .serialized)
struct ChannelCLIE2ETests {
    @Test("connect from a token file, list/show without the secret, chats, send, messages, allowlist; bad arguments exit 2")
    func cli() async throws {
        try Clawctl.requireBinary()
        try await ChannelHarness.with { h in
            let tg = h.telegram
            let ctl = Clawctl(socket: h.d.daemon.socketPath)
            let org = h.d.org
            try await h.group("cli", chats: ["tg:-700"])
            let tokenFile = h.d.dir + "/bot.token"
            try (tg.token + "\n").write(toFile: tokenFile, atomically: true, encoding: .utf8)

            let wrongFile = h.d.dir + "/wrong.token"
            try "999:WRONG\n".write(toFile: wrongFile, atomically: true, encoding: .utf8)
            let refused = try await ctl.run("channel", "validate", "telegram", "--org", org, "--token-file", wrongFile)
            #expect(refused.code == 2 && refused.stderr.contains("Unauthorized"), "\(refused)")
            let connected = try await ctl.run("channel", "connect", "telegram", "--org", org, "--token-file", tokenFile)
            #expect(connected.code == 0 && connected.stdout.contains("…" + tg.token.suffix(4)), "\(connected)")
            try await eventually("connected") {
                try await ctl.run("channel", "show", "telegram", "--org", org).stdout.contains("connected") ? true : nil
            }
            let list = try await ctl.run("channel", "list", "--org", org, "--json")
            let channels = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]] ?? []
            #expect(channels.map { $0["name"] as? String } == ["telegram", "slack", "discord", "whatsapp"])
            #expect(!list.stdout.contains(tg.token))

            tg.userMessage(chatID: -700, text: "@Andy from the chat")
            try await h.replies(-700)
            let chats = try await ctl.run("channel", "chats", "--org", org)
            #expect(chats.code == 0 && chats.stdout.contains("tg:-700") && chats.stdout.contains("cli"), "\(chats)")
            let sent = try await ctl.run("channel", "send", "tg:-700", "hello from clawctl", "--org", org)
            #expect(sent.code == 0 && sent.stdout.contains("pending"), "\(sent)")
            try await eventually("sent") { tg.sent(chatID: -700).contains { $0.text == "hello from clawctl" } ? true : nil }
            let messages = try await ctl.run("channel", "messages", "tg:-700", "--org", org, "--json")
            #expect(messages.stdout.contains("hello from clawctl") && messages.stdout.contains("from the chat"))

            let allowFile = h.d.dir + "/allow.json"
            try #"{"default":{"allow":["7"],"mode":"drop"},"logDenied":true}"#.write(toFile: allowFile, atomically: true, encoding: .utf8)
            #expect(try await ctl.run("channel", "allowlist", "--set", allowFile, "--org", org).code == 0)
            #expect(try await ctl.run("channel", "allowlist", "--org", org).stdout.contains("\"drop\""))

            for args in [["connect", "telegram", "--org", org], ["connect", "telegram", "--token", "x", "--org", org],
                         ["connect", "irc", "--token-file", tokenFile, "--org", org], ["send", "tg:abc", "x", "--org", org],
                         ["messages", "nojid", "--org", org], ["connect", "whatsapp", "--token-file", tokenFile, "--org", org]] {
                let r = try await ctl.run(["channel"] + args)
                #expect(r.code == 2, "\(args): \(r)")
            }
            // Slack: the bot token from a file, the app token from stdin; slack without an app token is a usage error.
            let slack = h.slack
            let slackBot = h.d.dir + "/slack-bot.token"
            try slack.botToken.write(toFile: slackBot, atomically: true, encoding: .utf8)
            #expect(try await ctl.run("channel", "connect", "slack", "--token-file", slackBot, "--org", org).code == 2)
            let slackConnected = try await ctl.run(["channel", "connect", "slack", "--token-file", slackBot, "--app-token-file", "-",
                                                    "--org", org], stdin: slack.appToken + "\n")
            #expect(slackConnected.code == 0 && slackConnected.stdout.contains("…" + slack.appToken.suffix(4)), "\(slackConnected)")
            #expect(!slackConnected.stdout.contains(slack.appToken) && !slackConnected.stdout.contains(slack.botToken))
            try await eventually("slack connected") {
                try await ctl.run("channel", "show", "slack", "--org", org).stdout.contains("connected") ? true : nil
            }
            #expect(slack.live == 1)
            #expect(try await ctl.run("channel", "disconnect", "slack", "--org", org).code == 0)
            try await eventually("slack socket closed") { slack.live == 0 ? true : nil }

            #expect(try await ctl.run("channel", "disconnect", "telegram", "--org", org).code == 0)
            #expect(try await ctl.run("channel", "disconnect", "telegram", "--org", org).code == 3)
        }
    }
}
