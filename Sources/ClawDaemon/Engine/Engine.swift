import ClawCore
import ClawServices
import ClawStore
import Logging
import ServiceLifecycle
import Synchronization

/// Converges the runtime to the intent in the database: per-instance workers (`InstanceWorker`)
/// scheduled by a `WorkerPool`, the reconciler's full passes, runtime events, the supervisor's
/// restarts and health probes. Everything runs as children of `run()` (one `Service`).
public final class Engine: Sendable {
    typealias Job = EngineInbox.Job

    let runtime: any InstanceRuntime
    let store: Store
    let instances: InstanceService
    let config: EngineConfig
    let crash: CrashSwitch
    let inbox: EngineInbox
    let pool: WorkerPool
    let supervisor: Supervisor
    /// Status and money writes that failed, waiting for their retry.
    let pendingWrites = PendingWrites()
    /// Backups and restores, run by the workers (nil: none, e.g. in engine tests).
    let backups: BackupJobs?
    /// The org networks instance containers join (nil: the engine's default network).
    let networks: TenantNetworks?
    let logger = Logger(label: "clawd.engine")
    let jobs: AsyncStream<Job>
    private let sink: AsyncStream<Job>.Continuation
    private let wakeTimes = Mutex<[String: ContinuousClock.Instant]>([:])
    private let probing = Mutex<[String: Bool]>([:])
    let orphanFirstSeen = Mutex<[String: Timestamp]>([:])

    /// `inbox` is the one the instance service publishes to (`DaemonCore`).
    public init(runtime: any InstanceRuntime, instances: InstanceService, inbox: EngineInbox, config: EngineConfig,
                crash: CrashSwitch = CrashSwitch(armed: nil), backups: BackupJobs? = nil, networks: TenantNetworks? = nil) {
        self.runtime = runtime
        self.store = instances.store
        self.instances = instances
        self.config = config
        self.crash = crash
        self.inbox = inbox
        self.pool = inbox.pool
        self.supervisor = Supervisor(stableAfter: config.stableAfter)
        self.backups = backups
        self.networks = networks
        (jobs, sink) = (inbox.jobs, inbox.sink)
    }

    /// The labels every object of this install carries.
    var installLabels: [String: String] { [RuntimeNames.installLabel: config.installID] }

    // MARK: waking

    /// Makes the instance's worker run (now, or after the running pass when one is in flight).
    public func wake(_ id: String) { inbox.wake(id) }

    /// Wakes the instance at `at`; an earlier pending wake-up makes this one redundant.
    func wake(_ id: String, at: ContinuousClock.Instant) {
        let schedule = wakeTimes.withLock { times -> Bool in
            if let pending = times[id], pending <= at, pending > .now { return false }
            times[id] = at
            return true
        }
        if schedule { sink.yield(.wakeLater(id, at: at)) }
    }

    func probe(_ id: String, initial: Bool) {
        let start = probing.withLock { p -> Bool in
            if let running = p[id], running || !initial { return false }
            p[id] = initial
            return true
        }
        if start { sink.yield(.probe(id, initial: initial)) }
    }

    var isStopping: Bool { pool.isStopping || Task.isCancelled }

    /// Workers running or queued.
    public var busyWorkers: Int { pool.busyCount }

    // MARK: running

    /// Runs until cancelled or graceful shutdown: then no new step starts, in-flight steps finish
    /// (or are cancelled by the service group's deadline), and containers keep running.
    public func run() async {
        await withTaskCancellationOrGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                group.addTask { await cancelWhenGracefulShutdown { await self.watchEvents() } }
                group.addTask { await cancelWhenGracefulShutdown { await self.resyncLoop() } }
                for await job in jobs {
                    switch job {
                    case .work(let id):
                        group.addTask { await self.workSlot(startingWith: id) }
                    case .wakeLater(let id, let at):
                        group.addTask { await cancelWhenGracefulShutdown { await self.fireWake(id, at: at) } }
                    case .probe(let id, let initial):
                        group.addTask { await cancelWhenGracefulShutdown { await self.probeLoop(id, initial: initial) } }
                    }
                }
            }
        } onCancelOrGracefulShutdown: {
            self.stop()
        }
    }

    /// No new work from now on.
    public func stop() {
        pool.stop()
        sink.finish()
    }

    private func workSlot(startingWith id: String) async {
        var next: String? = id
        while let current = next {
            var worker = InstanceWorker(engine: self, id: current)
            await worker.run()
            next = pool.finished(current)
        }
    }

    private func fireWake(_ id: String, at: ContinuousClock.Instant) async {
        do { try await Task.sleep(until: at, clock: .continuous) } catch { return }
        wakeTimes.withLock { times in if times[id] == at { times[id] = nil } }
        wake(id)
    }

    private func probeLoop(_ id: String, initial: Bool) async {
        defer { _ = probing.withLock { $0.removeValue(forKey: id) } }
        // Soon after a start: quick retries until the first answer, then leave it to the resync.
        // Otherwise a failure is confirmed over a few seconds before it counts: the probe may have
        // been asked for by a listing that predates a restart now in progress.
        let delays: [Duration] = initial
            ? [.zero, .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8),
               .seconds(8), .seconds(8), .seconds(8), .seconds(8), .seconds(8)]
            : [.zero, .seconds(1), .seconds(2), .seconds(4)]
        for (index, delay) in delays.enumerated() {
            do { try await Task.sleep(for: delay) } catch { return }
            guard let instance = try? await store.instance(id: id, orgID: nil), instance.status == .running,
                  instance.desired == .running,
                  let ok = await runtime.probeHealth(RuntimeNames.container(id), hostPort: instance.hostPort)
            else { return }
            if ok || index == delays.count - 1 {
                if Task.isCancelled { return }
                do {
                    try await instances.report(.healthProbe(ok: ok), instanceID: id)
                } catch {
                    logger.warning("cannot record health", metadata: ["instance": "\(id)", "error": "\(error)"])
                }
                return
            }
        }
    }
}

extension Engine: Service {}
