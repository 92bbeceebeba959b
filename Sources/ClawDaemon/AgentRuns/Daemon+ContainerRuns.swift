import ClawAPI
import ClawCore
import ClawRuntime
import ClawStore
import Foundation
import ServiceLifecycle
import Synchronization

/// The agent-run part of the container API, composed: the rows (their queued runs go to the
/// executor's inbox, their schedules to the daemon's `Deadlines`), the executor, the routes' view.
/// A run's container is `RunContainerFactory`'s: workspace, global instructions, IPC, session,
/// extra mounts, the credential proxy's address (the bridge gateway and the proxy's port).
struct ContainerRunParts: Sendable {
    let runs: ContainerRunStore
    let executor: ContainerRunExecutor
    let api: ContainerRunsAPI
    /// Output blocks, run ends and IPC scans, for the channels.
    let channelFeed = ChannelRunFeed()
    var services: [any Service] { [executor] }

    init(store: Store, deadlines: Deadlines, options: DaemonCore.ContainerRunOptions) {
        let config = options.settings
        let inbox = ContainerRunInbox(maxConcurrent: config.maxConcurrent)
        let runs = ContainerRunStore(store: store, files: options.files, timeZone: config.zone,
                                     defaultTimeoutSecs: config.runTimeoutSeconds, subscribers: [inbox, deadlines])
        let factory = RunContainerFactory(runs: runs, image: options.agentImage, installID: options.installID,
                                          hub: options.hub, gateway: GatewayCache())
        self.runs = runs
        executor = ContainerRunExecutor(
            runs: runs, inbox: inbox, runtime: options.runtime, installID: options.installID,
            stopGraceSeconds: config.stopGraceSeconds, shutdownBudgetSeconds: options.shutdownBudgetSeconds,
            proxyTokens: options.hub.proxy.tokens, channelFeed: channelFeed,
            specFor: { run, name, token in try await factory.spec(for: run, name: name, proxyToken: token) })
        api = ContainerRunsAPI(runs: runs, queue: executor, instanceCounts: { (try? await store.countByStatus()) ?? [:] })
    }
}

/// The bridge gateway, asked from the runtime at most once a minute (one engine call per run
/// would cost as much as the run itself).
final class GatewayCache: Sendable {
    private let state = Mutex<(value: String?, at: ContinuousClock.Instant)?>(nil)

    func get(_ ask: @Sendable () async -> String?) async -> String? {
        if let cached = state.withLock({ $0 }), ContinuousClock.now - cached.at < .seconds(60) { return cached.value }
        let value = await ask()
        state.withLock { $0 = (value, .now) }
        return value
    }
}
