import ClawServices
import ClawStore

/// The engine's work queue, made before the engine so the instance service can be given it at
/// construction: a commit that asks for the worker wakes it here, the engine's `run()` drains it.
public final class EngineInbox: CommitSubscriber, Sendable {
    enum Job: Sendable {
        /// Run workers in a slot, starting with this instance.
        case work(String)
        /// Wake the instance at this instant (retry and restart backoff).
        case wakeLater(String, at: ContinuousClock.Instant)
        /// Probe the instance's port: `initial` retries until the first answer.
        case probe(String, initial: Bool)
    }

    let pool: WorkerPool
    let jobs: AsyncStream<Job>
    let sink: AsyncStream<Job>.Continuation

    /// `maxWorkers`: workers running runtime steps at the same time (`EngineConfig.maxWorkers`).
    public init(maxWorkers: Int) {
        pool = WorkerPool(limit: maxWorkers)
        (jobs, sink) = AsyncStream.makeStream(of: Job.self)
    }

    /// Makes the instance's worker run (now, or after the running pass when one is in flight).
    public func wake(_ id: String) {
        if let start = pool.wake(id) { sink.yield(.work(start)) }
    }

    /// A change that asks for the worker wakes it.
    public func committed(_ change: CommittedChange) {
        if change.effects.contains(.wakeWorker) { wake(change.instance.id) }
    }
}
