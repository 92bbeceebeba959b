import ClawAPI
import ClawCore
import ClawStore
import Foundation
import Metrics

extension ChannelService {
    func receive(_ message: InboundMessage, channel: ChannelRecord, nextOffset: Int64?) async throws {
        let outcome = try await store.ingest(orgID: channel.orgID, message, channelID: channel.id, nextOffset: nextOffset,
                                             triggerPattern: settings.triggerPattern)
        Counter(label: "clawd_channel_messages_in_total", dimensions: [("platform", channel.platform.rawValue)]).increment()
        switch outcome {
        case .followUp(let group, let runID, let text):
            do {
                _ = try ipc.writeFollowUp(group: group, text: text)
            } catch {
                logger.error("cannot deliver a follow-up", metadata: ["run": "\(runID)", "error": "\(error)"])
            }
            startTyping(runID: runID, channel, message)
        case .queued(let run):
            startTyping(runID: run.runID, channel, message)
        case .duplicate, .ignored, .stored:
            break
        }
    }

    /// Shows the bot as typing in the message's chat every few seconds until the run prints its
    /// next block or ends (at most `typingLimit` times).
    func startTyping(runID: String, _ channel: ChannelRecord, _ message: InboundMessage) {
        guard let connector = connectors[channel.platform], let credentials = store.credentials(channelID: channel.id) else { return }
        let task = Task {
            for _ in 0..<Self.typingLimit where !Task.isCancelled {
                await connector.typing(credentials, in: message.chat, threadID: message.threadID)
                try? await Task.sleep(for: Self.typingInterval)
            }
        }
        typingTasks.withLock { t in
            t[runID]?.cancel()
            t[runID] = task
        }
    }

    func stopTyping(runID: String) {
        typingTasks.withLock { $0.removeValue(forKey: runID) }?.cancel()
    }

    func advance(channel: ChannelRecord, to offset: Int64) async throws {
        try await store.advanceOffset(channelID: channel.id, to: offset)
    }

    func status(_ channel: ChannelRecord, _ status: ChannelStatus, lastError: String?) async {
        do {
            try await store.setStatus(channelID: channel.id, status, lastError: lastError)
        } catch {
            logger.error("cannot record a channel's status", metadata: ["channel": "\(channel.id)", "error": "\(error)"])
        }
        if status == .error {
            logger.warning("channel error", metadata: ["channel": "\(channel.id)", "platform": "\(channel.platform.rawValue)",
                                                       "error": "\(lastError ?? "")"])
        }
    }

    // MARK: outbox

    /// Sends every due outbox row (per chat in order; a 429 holds the chat back until `retry_after`).
    func drainOutbox() async {
        while !Task.isCancelled {
            guard let due = try? await store.dueOutbound(), !due.isEmpty else { break }
            for message in due { await deliver(message) }
        }
        let left = (try? await store.nextOutboundDue()) != nil
        heldBack.withLock { $0 = left }
    }

    func deliver(_ m: ChannelMessage) async {
        let now = Timestamp.now()
        guard let chat = try? ChatJID.parse(m.chatJid) else {
            try? await store.markAttemptFailed(id: m.id, error: "not a chat id", retryAt: nil)
            return
        }
        let platform = chat.platform.rawValue
        guard let connector = connectors[chat.platform],
              let channel = try? await store.channel(orgID: m.orgID, platform: chat.platform),
              let credentials = store.credentials(channelID: channel.id) else {
            Counter(label: "clawd_channel_messages_failed_total", dimensions: [("platform", platform)]).increment()
            try? await store.markAttemptFailed(id: m.id, error: "no \(platform) channel is connected", retryAt: nil)
            return
        }
        do {
            let platformID = try await connector.send(credentials, to: chat, threadID: m.threadID, text: m.text)
            Counter(label: "clawd_channel_messages_out_total", dimensions: [("platform", platform)]).increment()
            try? await store.markSent(id: m.id, platformMessageID: platformID)
        } catch {
            let retryAt: Timestamp?
            let reason: String
            switch error {
            case .retryAfter(let seconds, let why):
                (retryAt, reason) = (Timestamp(millis: now.millis + Int64(max(1, seconds)) * 1000), why)
            case .transient(let why):
                let delay = Int64(min(60, 1 << min(m.attempts, 6)))
                (retryAt, reason) = (m.attempts + 1 < Self.maxAttempts ? Timestamp(millis: now.millis + delay * 1000) : nil, why)
            case .permanent(let why):
                (retryAt, reason) = (nil, why)
            }
            if retryAt == nil {
                Counter(label: "clawd_channel_messages_failed_total", dimensions: [("platform", platform)]).increment()
            }
            try? await store.markAttemptFailed(id: m.id, error: reason, retryAt: retryAt)
        }
    }
}
