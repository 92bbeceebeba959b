import ClawAPI
import ClawCore
import ClawStore
import Foundation
import Metrics

extension TelegramChannel {
    /// `deleteWebhook`, then long polls until cancelled. A 401 (bad token) or 409 (another
    /// poller of the same token) sets the status to `error` and stops: hammering would not
    /// help. Other failures reconnect after a jittered backoff (up to 1 s doubling to 30 s; a 429's
    /// `retry_after` when given). Each update is committed with the offset past it before the
    /// next `getUpdates` confirms it to Telegram.
    func connect(_ channel: ChannelRecord, _ credentials: ChannelCredentials, inbox: any ChannelInbox) async {
        guard let token = credentials.botToken else {
            await inbox.status(channel, .error, lastError: "the bot token is missing")
            return
        }
        let username = channel.identity["username"] ?? ""
        var failures = 0
        var webhookDeleted = false
        var offset = channel.pollOffset
        while !Task.isCancelled {
            do {
                if !webhookDeleted {
                    _ = try await call(token, "deleteWebhook", TelegramAPI.DeleteWebhook(), as: Bool.self)
                    webhookDeleted = true
                }
                let poll = TelegramAPI.GetUpdates(offset: offset, limit: 100, timeout: pollTimeoutSeconds, allowed_updates: ["message"])
                let updates = try await call(token, "getUpdates", poll, as: [TelegramAPI.Update].self,
                                             timeout: .seconds(pollTimeoutSeconds + 15))
                await inbox.status(channel, .connected, lastError: nil)
                failures = 0
                for update in updates where update.update_id >= offset {
                    let next = update.update_id + 1
                    if let message = update.message, let inbound = Self.inbound(message, botID: channel.account, username: username) {
                        try await inbox.receive(inbound, channel: channel, nextOffset: next)
                    } else {
                        try await inbox.advance(channel: channel, to: next)
                    }
                    offset = next
                }
            } catch is CancellationError {
                return
            } catch let failure as TelegramAPI.Failure where failure.code == 401 || failure.code == 409 || failure.code == 404 {
                await inbox.status(channel, .error, lastError: failure.description)
                return
            } catch {
                if Task.isCancelled { return }
                Counter(label: "clawd_channel_reconnects_total", dimensions: [("platform", "telegram")]).increment()
                await inbox.status(channel, .connecting, lastError: "\(error)")
                failures += 1
                var wait = Backoff.jitteredReconnectDelay(failure: failures)
                if let failure = error as? TelegramAPI.Failure, let retry = failure.retryAfter { wait = .seconds(max(1, retry)) }
                try? await Task.sleep(for: wait)
            }
        }
    }

    /// A text message as clawd stores it (other messages are only confirmed).
    static func inbound(_ m: TelegramAPI.Message, botID: String, username: String) -> InboundMessage? {
        guard let text = m.text, !text.isEmpty else { return nil }
        let chat = ChatJID(platform: .telegram, chatID: "\(m.chat.id)")
        let from = m.from
        let title = m.chat.title ?? [m.chat.first_name, m.chat.username.map { "@" + $0 }].compactMap { $0 }.joined(separator: " ")
        return InboundMessage(
            chat: chat, chatTitle: title, platformMessageID: "\(m.message_id)", sender: from.map { "\($0.id)" } ?? "?",
            senderName: from?.first_name ?? from?.username ?? "?", text: text, at: Timestamp(millis: m.date * 1000),
            threadID: m.message_thread_id.map { "\($0)" }, mentionsBot: m.mentions(username),
            fromBot: from.map { "\($0.id)" == botID } ?? false)
    }
}
