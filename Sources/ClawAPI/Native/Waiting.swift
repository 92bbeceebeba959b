import ClawCore
import ClawServices
import ClawStore
import Hummingbird

/// Long-poll helpers of docs/spec/native.md: a bounded timeout, and waiting for a condition without polling.
enum Waiting {
    /// Longest wait a client can ask for; more is capped.
    static let maxSeconds = 60.0
    /// Used when the client names no timeout.
    static let defaultSeconds = 30.0

    /// `?timeout=<seconds>`: a non-negative number, capped at 60; anything else is a 400.
    static func timeout(_ request: Request) throws -> Duration {
        guard let text = request.uri.queryParameters.get("timeout") else { return .seconds(defaultSeconds) }
        guard let seconds = Double(text), seconds.isFinite, seconds >= 0 else {
            throw ClawError(.invalidArgument, "timeout must be a number of seconds between 0 and \(Int(maxSeconds))",
                            param: "timeout")
        }
        return .milliseconds(Int64(min(seconds, maxSeconds) * 1000))
    }

    /// Returns the first non-nil `check()` after a relevant committed change (and once at the
    /// start), or nil when `timeout` passes. `changes` must be subscribed BEFORE the caller's
    /// first read, so no change between that read and this wait is lost. A listener the feed
    /// dropped subscribes again and re-reads.
    static func untilChange<T: Sendable>(feed: ChangeFeed, changes: AsyncStream<CommittedChange>, timeout: Duration,
                                         relevant: @escaping @Sendable (CommittedChange) -> Bool,
                                         check: @escaping @Sendable () async -> T?) async -> T? {
        await race(timeout: timeout) {
            var stream = changes
            while true {
                if let value = await check() { return value }
                for await change in stream where relevant(change) {
                    if let value = await check() { return value }
                }
                if Task.isCancelled { return nil }
                stream = feed.subscribe()
            }
        }
    }

    /// The first value of `body`, or nil once `timeout` passes (then `body` is cancelled).
    static func race<T: Sendable>(timeout: Duration, _ body: @escaping @Sendable () async -> T?) async -> T? {
        await withTaskGroup(of: T?.self) { group in
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            group.addTask(operation: body)
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
