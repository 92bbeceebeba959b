import Logging

/// Pings the systemd watchdog at half its timeout, but only while `isHealthy` says the daemon's
/// loops still make progress — a wedged daemon stops pinging and systemd restarts it.
public struct WatchdogService: Sendable {
    public let interval: Duration
    let notifier: SystemdNotifier
    let isHealthy: @Sendable () async -> Bool
    let logger = Logger(label: "clawd.systemd")

    public init?(notifier: SystemdNotifier, isHealthy: @escaping @Sendable () async -> Bool) {
        guard let timeout = notifier.watchdogTimeout else { return nil }
        self.interval = timeout / 2
        self.notifier = notifier
        self.isHealthy = isHealthy
    }

    /// Runs until cancelled.
    public func run() async {
        while !Task.isCancelled {
            if await isHealthy() {
                notifier.watchdogPing()
            } else {
                logger.warning("watchdog ping withheld: a loop made no progress")
            }
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }
}
