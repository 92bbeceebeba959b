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

    /// Runs until cancelled. Pings are due on a fixed schedule (start + k·interval), so the time
    /// the health check takes is not added to every gap and a late wake-up delays one ping, not
    /// all that follow; after falling a whole interval behind, the schedule restarts from there.
    public func run() async {
        logger.info("watchdog on", metadata: ["interval": "\(interval)"])
        let clock = ContinuousClock()
        var due = clock.now
        while !Task.isCancelled {
            if await isHealthy() {
                notifier.watchdogPing()
            } else {
                logger.warning("watchdog ping withheld: a loop made no progress")
            }
            due += interval
            if due < clock.now { due = clock.now + interval }
            do { try await Task.sleep(until: due, clock: clock) } catch { return }
        }
    }
}
