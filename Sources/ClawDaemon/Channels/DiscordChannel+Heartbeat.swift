import Synchronization

/// The heartbeat's view of one Gateway connection: the last sequence number received and
/// whether the last beat was acknowledged.
final class DiscordBeat: Sendable {
    struct State {
        var lastSeq: Int?
        var acked = true
        var missed = false
        var hello = false
    }

    let state = Mutex(State())
}

extension DiscordChannel {
    /// Beats every `interval` (the first after a random part of it) with the last sequence
    /// number; a beat still unacknowledged when the next is due means the connection is dead.
    func heartbeat(_ connection: WebSocketConnection, _ beat: DiscordBeat, interval: Duration) -> Task<Void, Never> {
        let first = interval * Double.random(in: timing.firstBeatJitter)
        return Task {
            try? await Task.sleep(for: first)
            while !Task.isCancelled {
                let (alive, seq) = beat.state.withLock { s -> (Bool, Int?) in
                    guard s.acked else { s.missed = true; return (false, nil) }
                    s.acked = false
                    return (true, s.lastSeq)
                }
                guard alive else {
                    await Self.shut(connection)
                    return
                }
                try? await connection.send(Self.frame(1, seq))
                try? await Task.sleep(for: interval)
            }
        }
    }
}
