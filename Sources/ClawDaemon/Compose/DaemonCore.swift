import ClawCore
import ClawRuntime
import ClawServices
import ClawStore
import ServiceLifecycle

/// The daemon's parts wired once, at construction: the services and who hears of their commits
/// (change feed, deadlines, the engine's and the run queue's inboxes), the engine, the agent-run
/// executor and the one deadline service. `Daemon.build` composes it from the settings; tests
/// compose it from a temp store and a test runtime, so a subscriber added here is tested everywhere.
public struct DaemonCore: Sendable {
    public let store: Store
    public let feed: ChangeFeed
    public let deadlines: Deadlines
    public let instances: InstanceService
    public let backups: BackupService
    public let engine: Engine?
    let containerRuns: ContainerRunParts?
    /// Channels (needs the agent runs): connectors, the outbox, replies from run output.
    let channels: ChannelService?
    public let deadlineService: DeadlineService
    /// Measures instance volumes (nil without a runtime).
    public let diskSampler: DiskUsageSampler?

    /// Composes every part; nothing runs until `services` do.
    public init(store: Store, options: Options) {
        self.store = store
        feed = ChangeFeed()
        let deadlines = Deadlines()
        self.deadlines = deadlines
        let engineOptions = options.engine.map { (options: $0, inbox: EngineInbox(maxWorkers: $0.config.maxWorkers)) }
        let inbox = engineOptions?.inbox
        var subscribers: [any CommitSubscriber] = [feed, deadlines]
        if let inbox { subscribers.append(inbox) }
        instances = InstanceService(store: store, config: options.instances, subscribers: subscribers)
        backups = BackupService(instances: instances, directory: options.backupDirectory, defaults: options.backupDefaults,
                                subscribers: [deadlines], unavailable: options.engine.flatMap { engine in
                                    engine.local == nil
                                        ? "backups need a local container runtime; this clawd runs its instances on Kubernetes"
                                        : nil
                                })
        engine = engineOptions.map { [instances, backups] e, inbox in
            Engine(runtime: e.runtime, instances: instances, inbox: inbox, config: e.config, crash: e.crash,
                   backups: e.backups.flatMap { settings in
                       e.local.map { BackupJobs(service: backups, settings: settings, volumes: $0) }
                   },
                   networks: e.networks)
        }
        diskSampler = options.engine?.local.map { [instances] local in
            DiskUsageSampler(runtime: local, instances: instances, settings: options.diskUsage)
        }
        let containerRuns = options.containerRuns.map { ContainerRunParts(store: store, deadlines: deadlines, options: $0) }
        self.containerRuns = containerRuns
        channels = options.channels.flatMap { settings in
            containerRuns.map { parts in
                let channelStore = ChannelStore(runs: parts.runs, secretsDirectory: parts.runs.files.dataDir + "/channels")
                return ChannelService(store: channelStore, settings: settings,
                                      connectors: ChannelService.connectors(settings, store: channelStore), feed: parts.channelFeed,
                                      ipc: IPCDirectories(root: parts.runs.files.dataDir + "/ipc"))
            }
        }
        deadlineService = DeadlineService(deadlines: deadlines, handlers: DeadlineHandlers(
            instances: instances, backups: backups, containerRuns: containerRuns?.runs, wake: { inbox?.wake($0) }),
            now: options.now)
    }

    /// The engine, the agent-run executor and the deadline loop (listeners are `Daemon.build`'s).
    public var services: [any Service] {
        var services: [any Service] = [deadlineService]
        if let engine { services.append(engine) }
        services += containerRuns?.services ?? []
        if let diskSampler { services.append(diskSampler) }
        if let channels { services.append(channels) }
        return services
    }

    /// Before serving: runs a dead daemon left are recovered, every stored deadline armed.
    public func load() async throws {
        try await containerRuns?.executor.recover()
        try await deadlineService.load()
    }
}
