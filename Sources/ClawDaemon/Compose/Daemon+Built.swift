import ClawAPI
import ClawCore
import ClawSystemd
import Hummingbird
import Logging
import ServiceLifecycle

extension Daemon {
    /// The composed daemon: its parts (for tests and the boot report) and every long-running
    /// service, in start order (shutdown runs in reverse).
    public struct Built: Sendable {
        public let core: DaemonCore
        public let services: [any Service]
        let settings: Settings
        let logger: Logger

        init(_ parts: Parts) async throws {
            core = parts.core
            settings = parts.settings
            logger = parts.logger
            try SocketFile.prepare(parts.settings.socketPath)
            let env = parts.environment()
            let gate = parts.readinessGate()
            let settings = parts.settings
            let tcp = ListenerService(name: "tcp", address: settings.listen, application: Application(
                router: RouterBuilding.router(env: env, listener: .tcp),
                configuration: .init(address: .hostname(settings.listenHost, port: settings.listenPort), serverName: "clawd"),
                onServerRunning: { _ in await gate.up("tcp") },
                logger: Logger(label: "clawd.api")))
            let unix = ListenerService(name: "socket", address: settings.socketPath, application: Application(
                router: RouterBuilding.router(env: env, listener: .adminSocket),
                configuration: .init(address: .unixDomainSocket(path: settings.socketPath), serverName: "clawd"),
                onServerRunning: { _ in await gate.up("socket") },
                logger: Logger(label: "clawd.api")))

            // The engine before the listeners: shutdown runs in reverse order, so requests stop first.
            var services: [any Service] = [parts.monitor, core.deadlineService]
            if let lease = parts.lease { services.insert(LeaseKeeper(lease: lease), at: 0) }
            if let engine = core.engine { services.append(engine) }
            let proxyService = CredentialProxyService(proxy: parts.hub.proxy, autostart: settings.credentialProxyAutostart)
            await proxyService.startIfConfigured()
            services.append(proxyService)
            services += core.containerRuns?.services ?? []
            if let sampler = core.diskSampler { services.append(sampler) }
            if let channels = core.channels { services.append(channels) }
            services += [tcp, unix]
            let store = core.store, monitor = parts.monitor
            if let watchdog = WatchdogService(notifier: parts.notifier, isHealthy: {
                guard await monitor.isProgressing else { return false }
                return await Daemon.databaseCheck(store).ok
            }) {
                services.append(WatchdogRunner(watchdog: watchdog))
            }
            // Last in the list, so the first to hear of shutdown: STOPPING=1 goes out at once.
            services.append(ShutdownAnnouncer(notifier: parts.notifier, logger: parts.logger))
            self.services = services
        }

        /// Serves until SIGTERM/SIGINT, then removes the socket file.
        public func run() async throws {
            defer { SocketFile.remove(settings.socketPath) }
            var config = ServiceGroupConfiguration(services: services, logger: logger)
            config.gracefulShutdownSignals = [.sigterm, .sigint]
            config.maximumGracefulShutdownDuration = .seconds(settings.shutdownTimeoutSeconds)
            config.maximumCancellationDuration = .seconds(5)
            try await ServiceGroup(configuration: config).run()
            logger.info("stopped")
        }
    }
}

extension Daemon.Parts {
    /// Restricts the socket and sends `READY=1` once both listeners are up.
    func readinessGate() -> ReadinessGate {
        let socketPath = settings.socketPath, listen = settings.listen, started = self.started
        let notifier = self.notifier, logger = self.logger, containers = boot.containers
        return ReadinessGate(expecting: ["tcp", "socket"]) {
            SocketFile.restrict(socketPath)
            let elapsed = (ContinuousClock.now - started).components
            let ms = elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000
            logger.info("ready", metadata: ["listen": "\(listen)", "socket": "\(socketPath)", "startup_ms": "\(ms)"])
            notifier.ready(status: "serving on \(listen) and \(socketPath); \(containers) containers")
        }
    }
}
