import ClawAPI
import ClawCore
import ClawStore
import Foundation
import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// The channels, composed: the connectors by platform (the registry), one connection task per
/// connected channel, the outbox worker, and the routing of run output back to chats. Inbound
/// messages are committed (`ChannelStore.ingest`) before the platform is acknowledged; replies
/// are outbox rows, sent by the worker (resumed at boot: pending rows are sent after a restart).
final class ChannelService: Service, ChannelBackend, ChannelInbox, Sendable {
    let store: ChannelStore
    let settings: ChannelSettings
    let connectors: [ChannelPlatform: any Channel]
    let feed: ChannelRunFeed
    let ipc: IPCDirectories
    let logger = Logger(label: "clawd.channels")
    /// channel id → its running connection.
    let connections = Mutex<[String: Task<Void, Never>]>([:])
    /// run id → the task showing "typing" in its chat until the run's next block (or its end).
    let typingTasks = Mutex<[String: Task<Void, Never>]>([:])
    /// The last drain left pending rows that are not due yet.
    let heldBack = Mutex(false)
    /// Telegram shows "typing" for 5 s per `sendChatAction`.
    static let typingInterval = Duration.seconds(4)
    static let typingLimit = 60
    let wakeStream: AsyncStream<Void>
    let wakeInput: AsyncStream<Void>.Continuation
    /// Sends to one chat stop being retried after this many attempts.
    static let maxAttempts = 8

    init(store: ChannelStore, settings: ChannelSettings, connectors: [any Channel], feed: ChannelRunFeed, ipc: IPCDirectories) {
        self.store = store
        self.settings = settings
        self.connectors = Dictionary(uniqueKeysWithValues: connectors.map { ($0.platform, $0) })
        self.feed = feed
        self.ipc = ipc
        (wakeStream, wakeInput) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// The connectors of this build, talking to the configured platform URLs.
    static func connectors(_ settings: ChannelSettings, store: ChannelStore) -> [any Channel] {
        [TelegramChannel(base: settings.telegramAPIBase, pollTimeoutSeconds: settings.telegramPollTimeoutSeconds),
         WhatsAppChannel(base: settings.whatsAppAPIBase), SlackChannel(base: settings.slackAPIBase),
         DiscordChannel(base: settings.discordAPIBase, sessions: store)]
    }

    func wake() { wakeInput.yield() }

    // MARK: Service

    func run() async {
        do {
            for channel in try await store.channels(orgID: nil) { start(channel) }
            // Messages agents left while clawd was down.
            for group in try await store.runs.groups(orgID: nil) { await handle(.ipcScanned(group: group.name)) }
        } catch {
            logger.error("cannot resume the channels", metadata: ["error": "\(error)"])
        }
        wake()
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask {
                    for await _ in self.wakeStream {
                        if Task.isCancelled { break }
                        await self.drainOutbox()
                    }
                }
                // Rows held back (429, a retry's backoff) are looked at again every second; an
                // idle outbox reads nothing until a new row wakes it.
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .seconds(1))
                        if self.heldBack.withLock({ $0 }) { self.wake() }
                    }
                    self.wakeInput.finish()
                }
                group.addTask {
                    for await event in self.feed.events {
                        if Task.isCancelled { break }
                        await self.handle(event)
                    }
                }
            }
        }
        wakeInput.finish()
        let running = connections.withLock { c in defer { c.removeAll() }; return Array(c.values) }
        for task in running { task.cancel() }
        for task in running { await task.value }
        for task in typingTasks.withLock({ t in defer { t.removeAll() }; return Array(t.values) }) { task.cancel() }
    }

    /// Starts (or restarts) the connection of `channel`. A connection it replaces is cancelled
    /// and has ended (its socket closed) before the new one opens, so one bot never has two
    /// live connections from this host.
    func start(_ channel: ChannelRecord) {
        guard let connector = connectors[channel.platform] else { return }
        guard let credentials = store.credentials(channelID: channel.id) else {
            Task { await self.status(channel, .error, lastError: "the stored credentials are missing; connect again") }
            return
        }
        connections.withLock { c in
            let old = c[channel.id]
            old?.cancel()
            c[channel.id] = Task {
                await old?.value
                if Task.isCancelled { return }
                await connector.connect(channel, credentials, inbox: self)
            }
        }
    }

    func stop(channelID: String) async {
        let task = connections.withLock { $0.removeValue(forKey: channelID) }
        task?.cancel()
        await task?.value
    }

    // MARK: run output

    func handle(_ event: ChannelRunFeed.Event) async {
        switch event {
        case .block(let runID, let index, let text):
            stopTyping(runID: runID)
            do {
                if let ids = try await store.recordRunBlock(runID: runID, index: index, text: text), !ids.isEmpty { wake() }
            } catch {
                logger.error("cannot record a run's reply", metadata: ["run": "\(runID)", "error": "\(error)"])
            }
        case .ended(let runID, let failed):
            stopTyping(runID: runID)
            try? await store.runEnded(runID: runID, failed: failed)
        case .interrupted(let runID):
            do {
                if let retry = try await store.retryInterrupted(runID: runID) {
                    logger.notice("chat run queued again after a restart", metadata: ["run": "\(runID)", "retry": "\(retry)"])
                }
            } catch {
                logger.error("cannot queue an interrupted chat run again", metadata: ["run": "\(runID)", "error": "\(error)"])
            }
        case .ipcScanned(let group):
            let taken = await store.takeIPCMessages(group: group)
            if taken.queued > 0 { wake() }
            if taken.queued + taken.refused > 0 {
                logger.info("ipc messages", metadata: ["group": "\(group)", "queued": "\(taken.queued)", "refused": "\(taken.refused)"])
            }
        }
    }
}
