import ClawAPI
import ClawCore
import ClawStore
import Foundation
import Logging
import NIOHTTP1

/// Discord over the Gateway: `GET /users/@me` validates and names the bot's user id,
/// `GET /gateway/bot` gives the Gateway URL events arrive on, `POST /channels/{id}/messages`
/// sends, `POST /channels/{id}/typing` shows typing. The Gateway session lives in `sessions`,
/// so a restart resumes it.
struct DiscordChannel: Channel {
    let base: String
    let sessions: any DiscordSessionKeeper
    var timing = Timing()
    var http = PlatformHTTP()
    let logger = Logger(label: "clawd.channels.discord")

    /// The Gateway's pacing clawd chooses itself.
    struct Timing: Sendable {
        /// The first heartbeat waits `heartbeat_interval` times a random fraction in this range.
        var firstBeatJitter: ClosedRange<Double> = 0...1
        /// Discord asks for 1-5 s before identifying again after op 9.
        var invalidSessionWait: ClosedRange<Double> = 1...5
        /// No Hello within this time after the upgrade: the connection is dead.
        var helloTimeout: Duration = .seconds(30)
    }

    var platform: ChannelPlatform { .discord }

    func rest<T: Decodable>(_ token: String, _ method: HTTPMethod, _ path: String, body: Data? = nil,
                            as: T.Type) async throws -> T {
        let answer = try await http.call(method, base + path, json: body, headers: [("Authorization", "Bot \(token)")])
        guard (200..<300).contains(answer.status) else { throw Self.failure(answer) }
        guard let value = try? JSONDecoder().decode(T.self, from: answer.body) else {
            throw DiscordAPI.Failure(status: answer.status, message: "unreadable answer (HTTP \(answer.status))")
        }
        return value
    }

    static func failure(_ answer: PlatformHTTP.Answer) -> DiscordAPI.Failure {
        let error = try? JSONDecoder().decode(DiscordAPI.ErrorBody.self, from: answer.body)
        return DiscordAPI.Failure(status: answer.status, message: error?.message ?? "HTTP \(answer.status)", code: error?.code,
                                  retryAfter: error?.retry_after ?? answer.retryAfter.map { Double($0) },
                                  global: error?.global ?? false)
    }

    func validate(_ credentials: ChannelCredentials) async throws -> ChannelAccount {
        guard let token = credentials.botToken else { throw ChannelRejected("botToken is missing") }
        do {
            let me = try await rest(token, .GET, "/users/@me", as: DiscordAPI.User.self)
            var identity = ["id": me.id]
            identity["username"] = me.username
            identity["name"] = me.global_name ?? me.username
            return ChannelAccount(account: me.id, identity: identity)
        } catch let failure as DiscordAPI.Failure where (400..<500).contains(failure.status) && failure.status != 429 {
            throw ChannelRejected(failure.message)
        }
    }

    func send(_ credentials: ChannelCredentials, to chat: ChatJID, threadID: String?, text: String) async throws(SendFailure) -> String? {
        guard let token = credentials.botToken else { throw .permanent("no bot token") }
        // A thread is a channel of its own in Discord: replies go to it.
        let channelID = threadID ?? chat.chatID
        do {
            let sent = try await rest(token, .POST, "/channels/\(channelID)/messages",
                                      body: PlatformHTTP.json(DiscordAPI.CreateMessage(content: text)), as: DiscordAPI.Message.self)
            return sent.id
        } catch let failure as DiscordAPI.Failure {
            if failure.status == 429 {
                let seconds = Int((failure.retryAfter ?? 1).rounded(.up))
                throw .retryAfter(seconds: max(1, seconds), reason: failure.global ? "rate limited (global)" : "rate limited")
            }
            if failure.status >= 500 { throw .transient(failure.description) }
            throw .permanent(failure.description)
        } catch {
            throw .transient("\(error)")
        }
    }

    func typing(_ credentials: ChannelCredentials, in chat: ChatJID, threadID: String?) async {
        guard let token = credentials.botToken else { return }
        _ = try? await http.call(.POST, base + "/channels/\(threadID ?? chat.chatID)/typing",
                                 headers: [("Authorization", "Bot \(token)")])
    }
}
