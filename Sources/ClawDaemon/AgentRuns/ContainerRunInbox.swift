import ClawCore
import ClawStore
import Synchronization

/// The agent-run queue's state and its work stream, made before the run rows so
/// `ContainerRunStore` can be given it at construction: a queued run is submitted here, the
/// pure `RunQueue` decides, `ContainerRunExecutor.run()` drains the work it yields.
final class ContainerRunInbox: ContainerChangeSubscriber, Sendable {
    enum Work: Sendable {
        case start(QueuedRun)
        case retry(runID: String, afterMillis: Int64)
    }

    let queue: Mutex<RunQueue>
    let work: AsyncStream<Work>
    let workIn: AsyncStream<Work>.Continuation

    init(maxConcurrent: Int) {
        queue = Mutex(RunQueue(maxConcurrent: maxConcurrent))
        (work, workIn) = AsyncStream.makeStream(of: Work.self)
    }

    /// Runs only; schedules are the deadline service's.
    func containerChanged(_ changes: [ContainerChange]) {
        for change in changes {
            switch change {
            case .runQueued(let run): submit(run)
            case .runsRemoved(let ids): queue.withLock { q in for id in ids { q.drop(runID: id) } }
            case .scheduleArmed: break
            }
        }
    }

    func submit(_ run: QueuedRun) {
        dispatch(queue.withLock { $0.submit(run) })
    }

    func dispatch(_ actions: [QueueAction]) {
        for action in actions {
            switch action {
            case .start(let run): workIn.yield(.start(run))
            case .retry(let run, let delay): workIn.yield(.retry(runID: run.runID, afterMillis: delay))
            case .giveUp: break
            }
        }
    }
}
