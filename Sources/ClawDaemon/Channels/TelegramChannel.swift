import ClawAPI
import ClawCore
import ClawStore
import Foundation
import Logging
import Metrics
import NIOHTTP1

/// Telegram over the Bot API: `getMe` validates, `deleteWebhook` then a `getUpdates` long
/// poll receives (the offset is the channel row's, advanced in the transaction that stores
/// each update), `sendMessage` sends plain text, `sendChatAction` shows typing.
struct TelegramChannel: Channel {
    let base: String
    let pollTimeoutSeconds: Int
    var http = PlatformHTTP()
    let logger = Logger(label: "clawd.channels.telegram")

    var platform: ChannelPlatform { .telegram }

    func call<T: Decodable>(_ token: String, _ method: String, _ body: some Encodable, as: T.Type,
                            timeout: Duration = .seconds(30)) async throws -> T {
        let answer = try await http.call(.POST, "\(base)/bot\(token)/\(method)", json: PlatformHTTP.json(body), timeout: timeout)
        guard let envelope = try? JSONDecoder().decode(TelegramAPI.Envelope<T>.self, from: answer.body) else {
            throw TelegramAPI.Failure(code: answer.status, reason: "unreadable answer (HTTP \(answer.status))")
        }
        guard envelope.ok, let result = envelope.result else {
            throw TelegramAPI.Failure(code: envelope.error_code ?? answer.status, reason: envelope.description ?? "not ok",
                                      retryAfter: envelope.parameters?.retry_after ?? answer.retryAfter)
        }
        return result
    }

    func validate(_ credentials: ChannelCredentials) async throws -> ChannelAccount {
        guard let token = credentials.botToken else { throw ChannelRejected("botToken is missing") }
        do {
            let me = try await call(token, "getMe", [String: String](), as: TelegramAPI.User.self)
            var identity = ["id": "\(me.id)"]
            identity["username"] = me.username
            identity["name"] = me.first_name
            return ChannelAccount(account: "\(me.id)", identity: identity)
        } catch let failure as TelegramAPI.Failure where (400..<500).contains(failure.code) {
            throw ChannelRejected(failure.reason)
        }
    }

    func send(_ credentials: ChannelCredentials, to chat: ChatJID, threadID: String?, text: String) async throws(SendFailure) -> String? {
        guard let token = credentials.botToken, let chatID = Int64(chat.chatID) else { throw .permanent("no bot token") }
        let body = TelegramAPI.SendMessage(chat_id: chatID, text: text, message_thread_id: threadID.flatMap { Int64($0) })
        do {
            let sent = try await call(token, "sendMessage", body, as: TelegramAPI.Sent.self)
            return "\(sent.message_id)"
        } catch let failure as TelegramAPI.Failure {
            if failure.code == 429 { throw .retryAfter(seconds: failure.retryAfter ?? 1, reason: failure.reason) }
            if failure.code >= 500 { throw .transient(failure.description) }
            throw .permanent(failure.description)
        } catch {
            throw .transient("\(error)")
        }
    }

    func typing(_ credentials: ChannelCredentials, in chat: ChatJID, threadID: String?) async {
        guard let token = credentials.botToken, let chatID = Int64(chat.chatID) else { return }
        _ = try? await call(token, "sendChatAction", TelegramAPI.ChatAction(chat_id: chatID, action: "typing",
                                                                           message_thread_id: threadID.flatMap { Int64($0) }),
                            as: Bool.self)
    }
}
