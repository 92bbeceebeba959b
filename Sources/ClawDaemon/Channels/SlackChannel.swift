import ClawAPI
import ClawCore
import ClawStore
import Foundation
import Logging
import NIOHTTP1

/// Slack over Socket Mode: `auth.test` (bot token) validates and names the bot's user id,
/// `apps.connections.open` (app token) hands out the WebSocket URL events arrive on,
/// `chat.postMessage` sends (in the thread the trigger was in). Slack shows no typing
/// indicator for bots.
struct SlackChannel: Channel {
    let base: String
    var http = PlatformHTTP()
    let logger = Logger(label: "clawd.channels.slack")

    var platform: ChannelPlatform { .slack }

    func call<T: Decodable>(_ token: String, _ method: String, _ body: some Encodable, as: T.Type) async throws -> T {
        let answer = try await http.call(.POST, "\(base)/\(method)", json: PlatformHTTP.json(body),
                                         headers: [("Authorization", "Bearer \(token)")])
        if answer.status == 429 {
            throw SlackAPI.Failure(status: 429, error: "ratelimited", retryAfter: answer.retryAfter ?? 1)
        }
        guard let head = try? JSONDecoder().decode(SlackAPI.Answer.self, from: answer.body) else {
            throw SlackAPI.Failure(status: answer.status, error: "unreadable answer (HTTP \(answer.status))")
        }
        guard head.ok, let result = try? JSONDecoder().decode(T.self, from: answer.body) else {
            throw SlackAPI.Failure(status: answer.status, error: head.error ?? "not ok")
        }
        return result
    }

    func validate(_ credentials: ChannelCredentials) async throws -> ChannelAccount {
        guard let token = credentials.botToken else { throw ChannelRejected("botToken is missing") }
        guard credentials.appToken != nil else { throw ChannelRejected("appToken is missing") }
        do {
            let me = try await call(token, "auth.test", [String: String](), as: SlackAPI.AuthTest.self)
            var identity = ["id": me.user_id]
            identity["botId"] = me.bot_id
            identity["team"] = me.team
            identity["name"] = me.user
            return ChannelAccount(account: me.user_id, identity: identity)
        } catch let failure as SlackAPI.Failure where failure.status < 500 && failure.status != 429 {
            throw ChannelRejected(failure.error)
        }
    }

    func send(_ credentials: ChannelCredentials, to chat: ChatJID, threadID: String?, text: String) async throws(SendFailure) -> String? {
        guard let token = credentials.botToken else { throw .permanent("no bot token") }
        do {
            let posted = try await call(token, "chat.postMessage", SlackAPI.PostMessage(channel: chat.chatID, text: text, thread_ts: threadID),
                                        as: SlackAPI.Posted.self)
            return posted.ts
        } catch let failure as SlackAPI.Failure {
            if failure.status == 429 { throw .retryAfter(seconds: failure.retryAfter ?? 1, reason: failure.error) }
            if failure.status >= 500 { throw .transient(failure.description) }
            throw .permanent(failure.description)
        } catch {
            throw .transient("\(error)")
        }
    }

    func typing(_ credentials: ChannelCredentials, in chat: ChatJID, threadID: String?) async {}
}
