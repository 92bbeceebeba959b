import ClawAPI
import ClawCore
import ClawKubernetes
import ClawRuntime
import ClawStore
import ClawSystemd
import Foundation
import Logging

extension Daemon {
    /// Composes the whole daemon from `settings` (Hummingbird's `buildApplication` shape): opens
    /// the store, detects the runtime, wires `DaemonCore`, recovers what a dead daemon left, runs
    /// the boot pass, and builds the listeners. Nothing serves until `Built.run()`.
    public static func build(_ settings: Settings) async throws -> Built {
        let started = ContinuousClock.now
        let notifier = SystemdNotifier()
        let logger = Logger(label: "clawd")
        let crashPoint = try CrashPoint.armed(in: ProcessInfo.processInfo.environment)
        if let crashPoint { logger.warning("crash point armed", metadata: ["point": "\(crashPoint.rawValue)"]) }
        notifier.status("starting")

        let store = try openStore(settings)
        let installID: String
        if let configured = settings.installID {
            installID = configured
        } else {
            installID = try await store.metaOrInsert("install_id") { Identifier.make(prefix: "i", length: 12) }
        }
        notifier.status("detecting container runtime")
        let runtime: (any ContainerRuntime)?
        var detectionError: String?
        do {
            runtime = try await RuntimeDetector.detect(mode: settings.localRuntimeMode, binary: settings.runtimeBinary,
                                                       environment: ProcessInfo.processInfo.environment,
                                                       callTimeout: .seconds(settings.runtimeCallTimeoutSeconds))
        } catch {
            runtime = nil
            detectionError = "\(error)"
        }
        let engineConfig = settings.engineConfig(installID: installID)
        let placement = try settings.instancePlacement(local: runtime, config: engineConfig)
        if let lease = placement.lease {
            // A second replica waits here, before any write, and is not ready meanwhile.
            notifier.status("waiting for the leader lease")
            try await lease.acquire()
        }
        let networks = runtime.flatMap { settings.tenantNetworks(runtime: $0, installID: installID) }
        await networks?.restore()
        let hub = try ContainerHub(settings: settings, runtime: runtime, runtimeError: detectionError, installID: installID,
                                   networks: networks, store: store)
        // Builds live in memory: one a dead daemon left running never ends.
        try await store.failOpenOperations(kind: ImageBuilds.operationKind, error: "interrupted: clawd stopped during the build")
        var options = DaemonCore.Options(
            instances: settings.instanceServiceConfig, backupDirectory: try backupDirectory(settings),
            backupDefaults: settings.backup.defaults,
            engine: placement.runtime.map { instanceRuntime in
                var engine = DaemonCore.EngineOptions(runtime: instanceRuntime, local: placement.local, config: engineConfig,
                                                      backups: settings.backup)
                engine.crash = CrashSwitch(armed: crashPoint)
                // Org networks are the local engine's: instances elsewhere have their own.
                engine.networks = placement.local == nil ? nil : networks
                return engine
            })
        options.containerRuns = .init(runtime: runtime, installID: installID, settings: settings.containerRuns,
                                      files: ContainerFiles(dataDir: settings.dataDir), agentImage: settings.agentImage,
                                      hub: hub)
        options.containerRuns?.shutdownBudgetSeconds = settings.shutdownTimeoutSeconds
        options.diskUsage = settings.diskUsage
        options.channels = settings.channels
        let core = DaemonCore(store: store, options: options)
        try await core.load()

        notifier.status("boot reconciliation")
        let boot = await BootRecovery.run(runtime: placement.runtime, detectionError: placement.error ?? detectionError,
                                          engine: core.engine,
                                          logger: logger)
        if settings.demo, let demo = try await DemoBootstrap.runIfEmpty(store: store) {
            FileHandle.standardOutput.write(Data(DemoBootstrap.banner(demo, listen: settings.listen).utf8))
        }
        let monitor = RuntimeMonitor(
            runtime: placement.runtime, interval: .seconds(settings.resyncSeconds),
            initial: boot.runtime.map { .init(ok: true, detail: "\($0.backend.rawValue) \($0.version)") }
                ?? .init(ok: false, detail: boot.runtimeError ?? "no runtime"))
        let parts = Parts(settings: settings, core: core, hub: hub, runtime: runtime, instanceRuntime: placement.runtime,
                          instanceBackend: placement.backend, lease: placement.lease,
                          boot: boot, monitor: monitor,
                          started: started, notifier: notifier, logger: logger)
        return try await Built(parts)
    }

    /// What the listeners and the service list are made from.
    struct Parts: Sendable {
        let settings: Settings
        let core: DaemonCore
        let hub: ContainerHub
        /// The local engine (agent runs, images).
        let runtime: (any ContainerRuntime)?
        /// Where instances run (the local engine, or a cluster).
        let instanceRuntime: (any InstanceRuntime)?
        /// Its backend's name (`none` when there is none).
        let instanceBackend: String
        /// Renewed while the daemon runs; losing it stops the daemon.
        let lease: LeaderLease?
        let boot: BootReport
        let monitor: RuntimeMonitor
        let started: ContinuousClock.Instant
        let notifier: SystemdNotifier
        let logger: Logger
    }
}
