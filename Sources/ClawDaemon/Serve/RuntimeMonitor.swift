import ClawAPI
import ClawCore
import Logging
import ServiceLifecycle

/// Keeps the runtime's health fresh for `/health` and the watchdog: one `info` call per
/// resync interval (never faster), and a heartbeat the watchdog checks for progress.
actor RuntimeMonitor: Service {
    private let runtime: (any InstanceRuntime)?
    private let interval: Duration
    private var lastCheck: HealthReport.Check
    private var lastTick = ContinuousClock.now
    private let logger = Logger(label: "clawd.runtime")

    init(runtime: (any InstanceRuntime)?, interval: Duration, initial: HealthReport.Check) {
        self.runtime = runtime
        self.interval = interval
        self.lastCheck = initial
    }

    var check: HealthReport.Check { lastCheck }

    /// Whether the loop ticked within two intervals (it is alive and not wedged).
    var isProgressing: Bool { ContinuousClock.now - lastTick < interval * 2 + .seconds(5) }

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { try await Task.sleep(for: self.interval) } catch { return }
                await self.tick()
            }
        }
    }

    private func tick() async {
        lastTick = .now
        guard let runtime else { return }
        do {
            let info = try await runtime.info()
            if !lastCheck.ok { logger.notice("runtime answers again", metadata: ["version": "\(info.version)"]) }
            lastCheck = .init(ok: true, detail: "\(info.backend.rawValue) \(info.version)")
        } catch {
            if lastCheck.ok { logger.error("runtime stopped answering", metadata: ["error": "\(error)"]) }
            lastCheck = .init(ok: false, detail: "\(error)")
        }
    }
}
