import ClawCore
import ClawRuntime
import ClawServices
import ClawStore

extension DaemonCore {
    /// What the parts are made from; `Daemon.build` fills it from the settings, tests by hand.
    public struct Options: Sendable {
        public var instances: InstanceServiceConfig
        /// `<data_dir>/backups` (created by the caller).
        public var backupDirectory: String
        public var backupDefaults: BackupDefaults
        /// The engine, when a runtime was detected (nil: none; requests still write intent).
        public var engine: EngineOptions?
        /// The agent-run executor and schedules of the container API (nil: not composed).
        var containerRuns: ContainerRunOptions?
        /// How often instance volumes are measured and the per-tier disk limits (used when
        /// there is an engine, i.e. a runtime).
        public var diskUsage = DiskUsageSettings()
        /// The channels (composed only with `containerRuns`; nil: none).
        var channels: ChannelSettings?
        /// The time deadlines are compared with.
        public var now: @Sendable () -> Timestamp = { .now() }

        public init(instances: InstanceServiceConfig, backupDirectory: String, backupDefaults: BackupDefaults = .init(),
                    engine: EngineOptions?) {
            self.instances = instances
            self.backupDirectory = backupDirectory
            self.backupDefaults = backupDefaults
            self.engine = engine
        }
    }

    /// The engine on a runtime.
    public struct EngineOptions: Sendable {
        public var runtime: any InstanceRuntime
        /// The local engine, for what only it can do: volume archives (backups) and volume
        /// measurements (disk usage). nil: instances run elsewhere, and neither is composed.
        public var local: (any ContainerRuntime)?
        public var config: EngineConfig
        public var crash = CrashSwitch(armed: nil)
        /// The workers take and restore backups with these settings (nil: no backup jobs; always
        /// nil without a local engine).
        public var backups: BackupSettings?
        /// Per-org instance networks and their host firewall (nil: every container on the engine's
        /// default network).
        var networks: TenantNetworks?

        /// Instances on a local engine.
        public init(runtime: any ContainerRuntime, config: EngineConfig, backups: BackupSettings?) {
            self.init(runtime: LocalInstanceRuntime(runtime, installID: config.installID, secretsOwner: config.secretsOwner),
                      local: runtime, config: config, backups: backups)
        }

        /// Instances on `runtime`; `local` nil (a cluster): no backups, no disk usage.
        public init(runtime: any InstanceRuntime, local: (any ContainerRuntime)?, config: EngineConfig,
                    backups: BackupSettings?) {
            self.runtime = runtime
            self.local = local
            self.config = config
            self.backups = local == nil ? nil : backups
        }
    }

    /// The agent-run executor: the runtime it starts containers on, and how it builds them.
    struct ContainerRunOptions: Sendable {
        var runtime: (any ContainerRuntime)?
        var installID: String
        var settings: ContainerRunSettings
        var files: ContainerFiles
        var agentImage: String
        var hub: ContainerHub
        /// `shutdown_timeout_seconds`: the containers of runs given up at shutdown go within it.
        var shutdownBudgetSeconds = 10
    }
}
