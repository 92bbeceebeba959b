import GRDB
import Synchronization

/// Rings after every commit that appended rows to `events`, whatever wrote them (instances,
/// billing, agent runs, channels): a live event stream wakes up and reads the table after its
/// cursor. A ring carries no data, so a slow listener misses nothing: pending rings fold into
/// one and the next read catches up.
public final class EventBell: Sendable {
    private struct State {
        var next = 0
        var listeners: [Int: AsyncStream<Void>.Continuation] = [:]
    }

    private let state = Mutex(State())

    /// Rings from now on, until the consumer stops iterating.
    public func subscribe() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let id = state.withLock { s in
            s.next += 1
            s.listeners[s.next] = continuation
            return s.next
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.listeners.removeValue(forKey: id) }
        }
        return stream
    }

    func ring() {
        for continuation in state.withLock({ Array($0.listeners.values) }) { continuation.yield() }
    }

    var listenerCount: Int { state.withLock { $0.listeners.count } }

    /// Rings the bell after each commit that inserted into `events`. Called on GRDB's writer
    /// queue only.
    final class Observer: TransactionObserver {
        let bell: EventBell
        private var appended = false

        init(_ bell: EventBell) {
            self.bell = bell
        }

        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
            if case .insert(let table) = eventKind { return table == "events" }
            return false
        }

        func databaseDidChange(with event: DatabaseEvent) {
            appended = true
            stopObservingDatabaseChangesUntilNextTransaction()
        }

        func databaseDidCommit(_ db: Database) {
            if appended { bell.ring() }
            appended = false
        }

        func databaseDidRollback(_ db: Database) {
            appended = false
        }
    }
}
