import ClawSystemd
import Logging
import ServiceLifecycle

/// Sends `STOPPING=1` the moment graceful shutdown begins.
struct ShutdownAnnouncer: Service {
    let notifier: SystemdNotifier
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        logger.info("shutting down")
        notifier.stopping(status: "shutting down")
    }
}

/// Runs the watchdog pinger until shutdown.
struct WatchdogRunner: Service {
    let watchdog: WatchdogService

    func run() async throws {
        await cancelWhenGracefulShutdown { await watchdog.run() }
    }
}
