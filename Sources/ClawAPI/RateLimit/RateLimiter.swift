import Foundation
import Synchronization

/// Requests per API key in fixed windows: a key's window opens with its first request and lasts
/// `windowSeconds`; within it at most `limit` requests pass. In memory, one lock: each decision
/// is one critical section, so N concurrent requests in a fresh window let exactly `limit` pass.
public final class RateLimiter: Sendable {
    /// What one request was told.
    public struct Decision: Sendable, Equatable {
        public var allowed: Bool
        public var limit: Int
        /// Requests left in the window after this one.
        public var remaining: Int
        /// Unix time (seconds, rounded up) at which the window ends.
        public var resetAt: Int64
        /// Whole seconds until the window ends, at least 1.
        public var retryAfterSeconds: Int64
    }

    public let limit: Int
    public let windowMillis: Int64
    private let nowMillis: @Sendable () -> Int64
    private let state = Mutex(State())

    struct State {
        var windows: [String: Window] = [:]
        var lastSweep: Int64 = 0
    }

    struct Window {
        var start: Int64
        var count: Int
    }

    /// Windows of ended keys are dropped once the table is this large (bounded memory).
    static let sweepThreshold = 4096

    /// - Parameter nowMillis: the clock (Unix milliseconds); tests inject one.
    public init(limit: Int, windowSeconds: Int,
                nowMillis: @escaping @Sendable () -> Int64 = { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }) {
        precondition(limit >= 1 && windowSeconds >= 1)
        self.limit = limit
        self.windowMillis = Int64(windowSeconds) * 1000
        self.nowMillis = nowMillis
    }

    /// Counts one request of `key` and answers whether it may pass.
    public func acquire(_ key: String) -> Decision {
        let now = nowMillis()
        let (limit, windowMillis) = (self.limit, self.windowMillis)
        return state.withLock { s in
            if s.windows.count >= Self.sweepThreshold, now - s.lastSweep >= windowMillis {
                s.windows = s.windows.filter { now < $0.value.start + windowMillis }
                s.lastSweep = now
            }
            var w = s.windows[key] ?? Window(start: now, count: 0)
            if now >= w.start + windowMillis { w = Window(start: now, count: 0) }
            let allowed = w.count < limit
            if allowed { w.count += 1 }
            s.windows[key] = w
            let end = w.start + windowMillis
            return Decision(allowed: allowed, limit: limit, remaining: limit - w.count,
                            resetAt: (end + 999) / 1000, retryAfterSeconds: max(1, (end - now + 999) / 1000))
        }
    }
}
