import ClawCore

/// What the run executor tells the channels, in order: each output block as the agent prints
/// it, a run's end, a run clawd's previous process left in flight, an IPC scan of a group (its
/// `messages/` files). Given to the executor at
/// construction; yielding never blocks the run.
final class ChannelRunFeed: Sendable {
    enum Event: Sendable, Equatable {
        case block(runID: String, index: Int, text: String)
        case ended(runID: String, failed: Bool)
        case interrupted(runID: String)
        case ipcScanned(group: String)
    }

    let events: AsyncStream<Event>
    private let input: AsyncStream<Event>.Continuation

    /// Bounded, so a daemon composed without channels (tests) does not grow it for ever.
    init() { (events, input) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .bufferingNewest(65_536)) }

    func block(runID: String, index: Int, text: String) { input.yield(.block(runID: runID, index: index, text: text)) }
    func ended(runID: String, failed: Bool) { input.yield(.ended(runID: runID, failed: failed)) }
    func interrupted(runID: String) { input.yield(.interrupted(runID: runID)) }
    func ipcScanned(group: String) { input.yield(.ipcScanned(group: group)) }
}
