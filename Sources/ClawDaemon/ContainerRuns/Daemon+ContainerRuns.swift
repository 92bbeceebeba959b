import ClawAPI
import ClawCore
import ClawRuntime
import ClawStore
import Foundation
import ServiceLifecycle
import Synchronization

/// The agent-run part of the container API, composed: rows, queue executor (its schedules are
/// on the daemon's `Deadlines`).
struct ContainerRunParts {
    let api: ContainerRunsAPI
    let runs: ContainerRunStore
    let executor: ContainerRunExecutor
    var services: [any Service] { [executor] }
}

extension Daemon {
    /// Opens the run rows and recovers runs a dead daemon left (before serving).
    /// A run's container is `RunContainerFactory`'s: workspace, global instructions, IPC, session,
    /// extra mounts, the credential proxy's address (the bridge gateway and the proxy's port).
    func openContainerRuns(store: Store, runtime: CLIRuntime?, installID: String, hub: ContainerHub,
                           deadlines: Deadlines) async throws
        -> ContainerRunParts {
        let files = ContainerFiles(dataDir: settings.dataDir)
        let config = settings.containerRuns
        let runs = ContainerRunStore(store: store, files: files, timeZone: config.zone,
                                     defaultTimeoutSecs: config.runTimeoutSeconds)
        let factory = RunContainerFactory(runs: runs, image: settings.agentImage, installID: installID, hub: hub,
                                          gateway: GatewayCache())
        let executor = ContainerRunExecutor(
            runs: runs, runtime: runtime, installID: installID, maxConcurrent: config.maxConcurrent,
            stopGraceSeconds: config.stopGraceSeconds, proxyTokens: hub.proxy.tokens,
            specFor: { run, name, token in try await factory.spec(for: run, name: name, proxyToken: token) })
        runs.onChange { changes in
            executor.handle(changes)
            deadlines.containerChanged(changes)
        }
        try await executor.recover()
        let api = ContainerRunsAPI(runs: runs, queue: executor,
                                   instanceCounts: { (try? store.countByStatus()) ?? [:] })
        return ContainerRunParts(api: api, runs: runs, executor: executor)
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
