import ClawAPI
import ClawCore
import ClawRuntime
import ClawStore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Carries out the agent-run queue: the pure `RunQueue` decides, this runs the containers.
/// Each started run is a child task of `run()` (structured: it ends with the service); a
/// failed message run's retry waits in a child task too. Runs are rows first: `running` with
/// the container's name is written before the container is created.
public final class ContainerRunExecutor: Service, RunQueueView, Sendable {
    let runs: ContainerRunStore
    let runtime: (any ContainerRuntime)?
    let installID: String
    let stopGraceSeconds: Int
    /// The daemon's whole graceful-shutdown budget (`shutdown_timeout_seconds`): the containers
    /// of runs given up at shutdown are stopped and removed within it.
    let shutdownBudgetSeconds: Int
    /// Builds the container of a run (mounts, proxy address with the run's proxy token, image):
    /// `AgentContainerSpec`.
    let specFor: @Sendable (ContainerRun, String, String?) async throws -> ContainerSpec
    /// The credential proxy's run tokens: one per attempt, revoked when it ends.
    let proxyTokens: RunProxyTokens?
    /// The queue this executor drains (the run rows' subscriber).
    let inbox: ContainerRunInbox
    /// Hears each output block, each run's end and each IPC scan (the channels' replies).
    let channelFeed: ChannelRunFeed?
    let logger = Logger(label: "clawd.runs")

    init(runs: ContainerRunStore, inbox: ContainerRunInbox, runtime: (any ContainerRuntime)?, installID: String, stopGraceSeconds: Int,
         shutdownBudgetSeconds: Int = 10, proxyTokens: RunProxyTokens? = nil, channelFeed: ChannelRunFeed? = nil,
         specFor: @escaping @Sendable (ContainerRun, String, String?) async throws -> ContainerSpec) {
        self.channelFeed = channelFeed
        self.runs = runs
        self.runtime = runtime
        self.installID = installID
        self.stopGraceSeconds = stopGraceSeconds
        self.shutdownBudgetSeconds = shutdownBudgetSeconds
        self.specFor = specFor
        self.proxyTokens = proxyTokens
        self.inbox = inbox
    }

    func submit(_ run: QueuedRun) { inbox.submit(run) }

    func dispatch(_ actions: [QueueAction]) { inbox.dispatch(actions) }

    // MARK: RunQueueView

    public func counts() -> QueueCounts { inbox.queue.withLock { $0.counts } }
    public func groups() -> [QueueGroupState] { inbox.queue.withLock { $0.groups } }
    public func group(_ name: String) -> QueueGroupState { inbox.queue.withLock { $0.group(named: name) } }
    public func setMaxConcurrent(_ n: Int) { dispatch(inbox.queue.withLock { $0.setMaxConcurrent(n) }) }
    public func containerStats() async -> (cpuPercent: Double, memoryBytes: Int64, containers: Int)? {
        guard let runtime else { return nil }
        do {
            let stats = try await runtime.stats(labels: [RuntimeNames.agentInstallLabel: installID])
            return (stats.cpuPercent, stats.memoryBytes, stats.containers)
        } catch {
            logger.warning("cannot read container stats", metadata: ["error": "\(error)"])
            return nil
        }
    }

    // MARK: boot

    /// Before serving: runs that were running when clawd died are failed (a chat's run is queued
    /// again by the channels, so its message is still answered), every agent container
    /// of this install is removed (none can be ours any more), queued runs re-enter the queue.
    public func recover() async throws {
        let interrupted = try await runs.failInterruptedRuns()
        for run in interrupted { channelFeed?.interrupted(runID: run.id) }
        if let runtime {
            // A broken runtime must not keep clawd from serving (health says degraded); the
            // leftovers are removed at the next boot that can list them.
            do {
                for c in try await runtime.listContainers(labels: [RuntimeNames.agentInstallLabel: installID]) {
                    logger.notice("removing leftover agent container", metadata: ["container": "\(c.name)"])
                    try? await runtime.removeContainer(c.id, force: true)
                }
            } catch {
                logger.warning("cannot list leftover agent containers", metadata: ["error": "\(error)"])
            }
        }
        for g in try await runs.groups(orgID: nil) { await runs.processTaskFiles(group: g.name) }
        // Isolated sessions of runs that were in flight: no run owns them any more.
        try? FileManager.default.removeItem(atPath: runs.files.isolatedSessionsRoot)
        let queued = try await runs.queuedRuns()
        logger.info("agent runs recovered", metadata: ["failed": "\(interrupted.count)", "queued": "\(queued.count)"])
        for run in queued { submit(run.queued) }
    }

    // MARK: running

    public func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask {
                await cancelWhenGracefulShutdown { try? await Task.sleep(for: .seconds(1_000_000_000)) }
                self.inbox.workIn.finish()
            }
            for await item in inbox.work {
                switch item {
                case .start(let run):
                    group.addTask { await self.execute(run) }
                case .retry(let id, let delay):
                    group.addTask {
                        try? await Task.sleep(for: .milliseconds(delay))
                        guard !Task.isCancelled else { return }
                        self.dispatch(self.inbox.queue.withLock { $0.retryDue(runID: id) })
                    }
                }
            }
            group.cancelAll()
        }
    }

    /// One run, start to final status; then the queue hears it finished.
    func execute(_ queued: QueuedRun) async {
        let result: RunResult
        do {
            result = try await watchingIPC(group: queued.group) { try await self.attempt(queued) }
        } catch is RunWithdrawn {
            logger.info("agent run withdrawn before it started", metadata: ["run": "\(queued.runID)"])
            dispatch(inbox.queue.withLock { $0.finished(runID: queued.runID, failed: false) })
            return
        } catch {
            let why = Task.isCancelled ? "interrupted: clawd stopped while the run was in flight" : "\(error)"
            result = RunResult(status: .failed, output: nil, error: why)
        }
        let actions = inbox.queue.withLock { $0.finished(runID: queued.runID, failed: result.status == .failed) }
        let retrying = actions.contains { if case .retry(let r, _) = $0 { r.runID == queued.runID } else { false } }
        do {
            if retrying, let again = actions.compactMap({ if case .retry(let r, _) = $0 { r } else { nil } }).first {
                try await runs.markRetrying(id: queued.runID, attempt: again.attempt, error: result.error ?? "failed")
            } else {
                try await runs.finishRun(id: queued.runID, status: result.status, output: result.output, error: result.error)
            }
        } catch {
            logger.error("cannot record run result", metadata: ["run": "\(queued.runID)", "error": "\(error)"])
        }
        // An isolated run's session never outlives it (a retry gets a fresh one).
        try? FileManager.default.removeItem(atPath: runs.files.isolatedSession(queued.runID))
        await scanIPC(group: queued.group)
        if !retrying { channelFeed?.ended(runID: queued.runID, failed: result.status != .succeeded) }
        logger.info("agent run finished", metadata: [
            "run": "\(queued.runID)", "group": "\(queued.group)", "status": "\(result.status.rawValue)",
            "retry": "\(retrying)",
        ])
        dispatch(actions)
    }
}
