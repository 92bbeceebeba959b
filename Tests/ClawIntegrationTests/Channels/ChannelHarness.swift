import AsyncHTTPClient
import ClawClient
import ClawCore
import ClawTestSupport
import Foundation
import Testing

/// A clawd with the real agent runner image on REAL podman, its Telegram and WhatsApp base
/// URLs pointed at local fake platforms; channel requests go over the admin socket for one org.
struct ChannelHarness {
    var d: RunsDaemon
    let telegram: FakeTelegram
    let whatsapp: FakeWhatsApp
    let slack: FakeSlack

    static var agentImage: String {
        ProcessInfo.processInfo.environment["CLAWD_TEST_AGENT_IMAGE"] ?? "clawd-agent-runner:latest"
    }

    static func env(_ telegram: FakeTelegram, _ whatsapp: FakeWhatsApp, _ slack: FakeSlack) -> [String: String] {
        ["CLAWD_AGENT_IMAGE": agentImage, "CLAWD_TELEGRAM_API_BASE": telegram.baseURL,
         "CLAWD_WHATSAPP_API_BASE": whatsapp.baseURL, "CLAWD_SLACK_API_BASE": slack.apiBase,
         "CLAWD_TELEGRAM_POLL_TIMEOUT_SECONDS": "2",
         "CLAWD_CONTAINER_RUN_TIMEOUT_SECONDS": "20"]
    }

    /// Fakes serving and a started clawd for `body`; everything stopped and removed however it ends.
    static func with(_ body: (inout ChannelHarness) async throws -> Void) async throws {
        let telegram = try FakeTelegram()
        let whatsapp = try FakeWhatsApp()
        let slack = try FakeSlack()
        let servers = [Task { try await telegram.run() }, Task { try await whatsapp.run() }, Task { try await slack.run() }]
        defer { for s in servers { s.cancel() } }
        for base in [telegram.baseURL, whatsapp.baseURL, slack.apiBase] {
            try await eventually("fake platform listening", timeout: .seconds(120)) {
                (try? await HTTPClient.shared.execute(HTTPClientRequest(url: base + "/none"), timeout: .seconds(2))) != nil ? true : nil
            }
        }
        try await RunsDaemon.with(env: env(telegram, whatsapp, slack)) { d in
            var h = ChannelHarness(d: d, telegram: telegram, whatsapp: whatsapp, slack: slack)
            try await body(&h)
            d = h.d
        }
    }

    func channels(_ method: String, _ path: String, _ body: Any? = nil) async throws -> ClawClient.Reply {
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        return try await d.daemon.admin.request(method, "/api/v1/channels" + path, headers: [("X-Clawd-Org", d.org)], json: data)
    }

    func object(_ method: String, _ path: String, _ body: Any? = nil, expect: Int = 200) async throws -> [String: Any] {
        let r = try await channels(method, path, body)
        guard r.status == expect else { throw DaemonProcessError("\(method) \(path) → \(r.status) \(r.text)") }
        return try JSONSerialization.jsonObject(with: r.body) as? [String: Any] ?? [:]
    }

    func messages(_ jid: String) async throws -> [[String: Any]] {
        let r = try await channels("GET", "/chats/\(jid)/messages?limit=100")
        guard r.status == 200 else { throw DaemonProcessError("messages \(jid) → \(r.status) \(r.text)") }
        return try JSONSerialization.jsonObject(with: r.body) as? [[String: Any]] ?? []
    }

    func group(_ name: String, chats: [String], main: Bool = false) async throws {
        _ = try await d.object("POST", "/namespaces", ["name": name, "chatJids": chats, "isMain": main], expect: 201)
    }

    /// Connects the fake bot and waits until its long poll is up.
    func connectTelegram() async throws {
        _ = try await object("POST", "/telegram/connect", ["botToken": telegram.token])
        try await eventually("telegram connected", timeout: .seconds(120)) {
            try await object("GET", "/telegram")["status"] as? String == "connected" ? true : nil
        }
    }

    /// Connects the fake Slack app and waits until Socket Mode said `hello`.
    func connectSlack() async throws {
        _ = try await object("POST", "/slack/connect", ["botToken": slack.botToken, "appToken": slack.appToken])
        try await eventually("slack connected", timeout: .seconds(120)) {
            try await object("GET", "/slack")["status"] as? String == "connected" ? true : nil
        }
    }

    /// Runs of `group` so far (run history).
    func runs(_ group: String) async throws -> [[String: Any]] {
        try await d.list("/run-history?group=\(group)&limit=100")
    }

    /// Waits until the fake received at least `count` messages for `chat`; answers their texts.
    @discardableResult
    func replies(_ chat: Int64, atLeast count: Int = 1, timeout: Duration = .seconds(90)) async throws -> [String] {
        try await eventually("\(count) replies in \(chat)", timeout: timeout) {
            let sent = telegram.sent(chatID: chat)
            return sent.count >= count ? sent.map(\.text) : nil
        }
    }
}
