import ClawCore
import ClawStore
import Synchronization

/// Fans committed changes out to in-process listeners (SSE streams, waiters). Never blocks the
/// writer: a listener whose buffer is full is finished and must catch up from the events table.
public final class ChangeFeed: CommitSubscriber, Sendable {
    private struct State {
        var next = 0
        var listeners: [Int: AsyncStream<CommittedChange>.Continuation] = [:]
    }

    private let state = Mutex(State())
    private let bufferSize: Int

    public init(bufferSize: Int = 1024) { self.bufferSize = bufferSize }

    public func committed(_ change: CommittedChange) { publish(change) }

    public func publish(_ change: CommittedChange) {
        let listeners = state.withLock { Array($0.listeners) }
        for (id, continuation) in listeners {
            if case .dropped = continuation.yield(change) {
                continuation.finish()
                remove(id)
            }
        }
    }

    /// A stream of every change committed from now on, until the consumer stops iterating.
    public func subscribe() -> AsyncStream<CommittedChange> {
        let (stream, continuation) = AsyncStream.makeStream(of: CommittedChange.self,
                                                            bufferingPolicy: .bufferingOldest(bufferSize))
        let id = state.withLock { s in
            s.next += 1
            s.listeners[s.next] = continuation
            return s.next
        }
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        return stream
    }

    public var listenerCount: Int { state.withLock { $0.listeners.count } }

    private func remove(_ id: Int) {
        _ = state.withLock { $0.listeners.removeValue(forKey: id) }
    }
}
