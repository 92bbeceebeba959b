import ClawAPI
import ClawCore
import ClawRuntime
import ClawStore
import ClawSystemd
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// The composition root: opens the store, detects the runtime, runs the boot pass, then serves
/// HTTP on TCP and on the Unix socket until SIGTERM/SIGINT.
public struct Daemon: Sendable {
    let settings: Settings
    let notifier = SystemdNotifier()
    let logger = Logger(label: "clawd")

    public init(settings: Settings) { self.settings = settings }

    public func run() async throws {
        let started = ContinuousClock.now
        let crashPoint = try CrashPoint.armed(in: ProcessInfo.processInfo.environment)
        if let crashPoint { logger.warning("crash point armed", metadata: ["point": "\(crashPoint.rawValue)"]) }
        notifier.status("starting")
        let registry = Observability.registry

        let store = try openStore()
        let installID = try settings.installID
            ?? store.metaOrInsert("install_id") { Identifier.make(prefix: "i", length: 12) }
        notifier.status("detecting container runtime")
        let runtime: CLIRuntime?
        var detectionError: String?
        do {
            runtime = try await RuntimeDetector.detect(mode: settings.runtime.rawValue, binary: settings.runtimeBinary,
                                                       environment: ProcessInfo.processInfo.environment)
        } catch {
            runtime = nil
            detectionError = "\(error)"
        }
        let instances = InstanceService(store: store, config: settings.instanceServiceConfig)
        let backups = try openBackups(instances)
        let engine = runtime.map {
            Engine(runtime: $0, instances: instances, config: settings.engineConfig(installID: installID),
                   crash: CrashSwitch(armed: crashPoint), runner: $0.runner,
                   backups: BackupJobs(service: backups, settings: settings.backup))
        }
        let deadlines = Deadlines()
        backups.onDeadlines { deadlines.backupDeadlinesMoved($0) }
        let feed = ChangeFeed()
        instances.onCommit { change in
            feed.publish(change)
            deadlines.committed(change)
            engine?.handle(change)
        }
        notifier.status("boot reconciliation")
        let boot = await BootRecovery.run(runtime: runtime, detectionError: detectionError,
                                          engine: engine, logger: logger)
        if settings.demo, let demo = try DemoBootstrap.runIfEmpty(store: store) {
            FileHandle.standardOutput.write(Data(DemoBootstrap.banner(demo, listen: settings.listen).utf8))
        }

        let monitor = RuntimeMonitor(
            runtime: runtime, interval: .seconds(settings.resyncSeconds),
            initial: boot.runtime.map { .init(ok: true, detail: "\($0.backend.rawValue) \($0.version)") }
                ?? .init(ok: false, detail: boot.runtimeError ?? "no runtime"))
        var env = APIEnvironment(
            store: store, registry: registry, version: ClawVersion.current, maxBodyBytes: settings.maxBodyBytes,
            instances: instances, feed: feed, urlTemplate: settings.urlTemplate,
            health: { await HealthReport(checks: ["database": Self.databaseCheck(store), "runtime": monitor.check]) },
            status: {
                let check = await monitor.check
                var status = AdminStatus(
                    version: ClawVersion.current,
                    uptimeSeconds: (ContinuousClock.now - started).components.seconds,
                    runtime: ["backend": runtime?.backend.rawValue ?? "none", "ok": "\(check.ok)", "detail": check.detail],
                    database: ["path": store.path, "sizeBytes": "\(store.sizeBytes)"],
                    instancesByStatus: (try? store.countByStatus()) ?? [:], timersArmed: deadlines.lifecycleCount)
                let image = settings.image
                let present = try? await runtime?.imageExists(image)
                status.runtime["image"] = image
                status.runtime["imagePresent"] = present.map { "\($0)" } ?? "unknown"
                status.nextDeadline = deadlines.nextLifecycle.map { ["at": $0.at.iso8601, "kind": $0.kind, "instanceId": $0.instanceID] }
                return status
            },
            reconcile: {
                guard let engine else {
                    throw ClawError(.unavailable, "no container runtime: \(boot.runtimeError ?? "not detected")")
                }
                return try await engine.reconcile(probe: true).counts
            })
        env.rateLimiter = settings.rateLimiter
        env.clawPackages = settings.clawPackages

        env.logs = InstanceLogSource(runtime: runtime, containerName: RuntimeNames.container,
                                     archive: LogArchive(directory: settings.logArchiveDir))

        env.backups = backups
        let containerHub = try ContainerHub(settings: settings, runtime: runtime, runtimeError: boot.runtimeError,
                                            installID: installID)
        env.container = containerHub
        env.containerOperatorOrgs = Set(settings.containerOperatorOrgs)
        let containerRuns = try await openContainerRuns(store: store, runtime: runtime, installID: installID,
                                                        hub: containerHub, deadlines: deadlines)
        let deadlineService = DeadlineService(deadlines: deadlines, handlers: DeadlineHandlers(
            instances: instances, backups: backups, containerRuns: containerRuns.runs, wake: { engine?.wake($0) }))
        try deadlineService.load()
        env.containerRuns = containerRuns.api
        try SocketFile.prepare(settings.socketPath)
        defer { SocketFile.remove(settings.socketPath) }
        let socketPath = settings.socketPath
        let listen = settings.listen
        let notifier = self.notifier
        let logger = self.logger
        let containers = boot.containers
        let gate = ReadinessGate(expecting: ["tcp", "socket"]) {
            SocketFile.restrict(socketPath)
            let ms = (ContinuousClock.now - started).components.seconds * 1000
                + (ContinuousClock.now - started).components.attoseconds / 1_000_000_000_000_000
            logger.info("ready", metadata: ["listen": "\(listen)", "socket": "\(socketPath)", "startup_ms": "\(ms)"])
            notifier.ready(status: "serving on \(listen) and \(socketPath); \(containers) containers")
        }

        let tcp = ListenerService(name: "tcp", address: listen, application: Application(
            router: RouterBuilding.router(env: env, listener: .tcp),
            configuration: .init(address: .hostname(settings.listenHost, port: settings.listenPort), serverName: "clawd"),
            onServerRunning: { _ in await gate.up("tcp") },
            logger: Logger(label: "clawd.api")))
        let unix = ListenerService(name: "socket", address: socketPath, application: Application(
            router: RouterBuilding.router(env: env, listener: .adminSocket),
            configuration: .init(address: .unixDomainSocket(path: socketPath), serverName: "clawd"),
            onServerRunning: { _ in await gate.up("socket") },
            logger: Logger(label: "clawd.api")))

        // The engine before the listeners: shutdown runs in reverse order, so requests stop first.
        var services: [any Service] = [monitor, deadlineService]
        if let engine { services.append(engine) }
        let proxyService = CredentialProxyService(proxy: containerHub.proxy, autostart: settings.credentialProxyAutostart)
        await proxyService.startIfConfigured()
        services.append(proxyService)
        services += containerRuns.services
        services += [tcp, unix]
        if let watchdog = WatchdogService(notifier: notifier, isHealthy: {
            await monitor.isProgressing && Self.databaseCheck(store).ok
        }) {
            services.append(WatchdogRunner(watchdog: watchdog))
        }
        // Last in the list, so the first to hear of shutdown: STOPPING=1 goes out at once.
        services.append(ShutdownAnnouncer(notifier: notifier, logger: logger))

        var config = ServiceGroupConfiguration(services: services, logger: logger)
        config.gracefulShutdownSignals = [.sigterm, .sigint]
        config.maximumGracefulShutdownDuration = .seconds(settings.shutdownTimeoutSeconds)
        config.maximumCancellationDuration = .seconds(5)
        try await ServiceGroup(configuration: config).run()
        logger.info("stopped")
    }

    func openStore() throws(ClawError) -> Store {
        do {
            try FileManager.default.createDirectory(atPath: settings.dataDir, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o750])
        } catch {
            throw ClawError(.storage, "cannot create data directory \(settings.dataDir): \(error.localizedDescription)")
        }
        return try Store(path: settings.databasePath)
    }

    static func databaseCheck(_ store: Store) -> HealthReport.Check {
        do {
            _ = try store.meta("install_id")
            return .init(ok: true, detail: "sqlite \(store.path)")
        } catch {
            return .init(ok: false, detail: "\(error)")
        }
    }
}
