import ClawCore

/// The one way a test waits: polls `condition` until it returns a value, failing after `timeout`
/// with what was awaited. Never a fixed sleep.
@discardableResult
public func eventually<T>(_ what: String, timeout: Duration = .seconds(60), every interval: Duration = .milliseconds(100),
                          _ condition: () async throws -> T?) async throws -> T {
    let deadline = ContinuousClock.now + timeout
    while true {
        if let value = try await condition() { return value }
        guard ContinuousClock.now < deadline else { throw ClawError(.timeout, "\(what): not within \(timeout)") }
        try await Task.sleep(for: interval)
    }
}
