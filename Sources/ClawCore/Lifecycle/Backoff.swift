/// Retry delays of the supervisor and the provisioner (docs/spec/lifecycle.md "Numbers").
public enum Backoff {
    /// The supervisor's longest wait between restarts of a dying container.
    public static let maxSupervisorDelay: Duration = .seconds(300)
    /// Provisioning attempts before the instance is `FAILED` and refunded.
    public static let provisioningAttempts = 3

    /// Supervisor wait before restart number `attempt` (1-based): 1 s, 2 s, 4 s, … capped at 5 min.
    public static func delay(attempt: Int) -> Duration {
        let exponent = max(0, attempt - 1)
        guard exponent < 9 else { return maxSupervisorDelay }  // 2^9 s > 300 s
        return min(.seconds(1 << exponent), maxSupervisorDelay)
    }

    /// The longest wait before a failed status or money write is tried again.
    public static let maxWriteRetryDelay: Duration = .seconds(5)

    /// Wait before trying failed write number `failure` (1-based) again: 100 ms doubling, capped
    /// at 5 s, far below the reconciler's resync.
    public static func writeRetryDelay(failure: Int) -> Duration {
        let exponent = max(0, failure - 1)
        guard exponent < 6 else { return maxWriteRetryDelay }  // 100 ms * 2^6 > 5 s
        return min(.milliseconds(100 << exponent), maxWriteRetryDelay)
    }

    /// The longest wait before a platform connection is tried again.
    public static let maxReconnectDelay: Duration = .seconds(30)

    /// Wait before reconnecting after failure number `failure` (1-based) of a platform
    /// connection (a chat channel's poll or socket): 1 s doubling, capped at 30 s, of which
    /// the upper half is scaled by `jitter` (0..<1, random in production), so bots that lost
    /// the platform together do not come back in lockstep. `jitter` 1 is the ceiling.
    public static func reconnectDelay(failure: Int, jitter: Double = 1) -> Duration {
        let exponent = max(0, failure - 1)
        let ceiling = exponent < 5 ? min(.seconds(1 << exponent), maxReconnectDelay) : maxReconnectDelay  // 2^5 s > 30 s
        return ceiling / 2 + ceiling / 2 * min(1, max(0, jitter))
    }

    /// `reconnectDelay` with a random jitter.
    public static func jitteredReconnectDelay(failure: Int) -> Duration {
        reconnectDelay(failure: failure, jitter: Double.random(in: 0..<1))
    }

    /// Wait after failed provisioning attempt `attempt` (1-based): 2 s, 4 s; nil once attempts are used
    /// up, meaning the failure is final.
    public static func provisioningDelay(afterAttempt attempt: Int) -> Duration? {
        guard attempt < provisioningAttempts else { return nil }
        return .seconds(2 << max(0, attempt - 1))
    }
}
