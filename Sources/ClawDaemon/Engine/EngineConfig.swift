import ClawCore

/// What the engine needs from the settings, plus its own small constants.
public struct EngineConfig: Sendable {
    public var installID: String
    /// Container path the instance volume is mounted on.
    public var stateDir: String
    /// The port the instance listens on inside its container.
    public var instancePort: Int
    public var stopTimeoutSeconds: Int
    /// Full list-and-converge pass interval; also the slowest health probe interval.
    public var resync: Duration
    /// Containers and volumes of unknown instances are removed only when older than this.
    public var orphanGraceSeconds: Int
    /// Workers running runtime steps at the same time (podman on 2 cores likes 2-4).
    public var maxWorkers = 3
    /// A restarted container that stays up this long resets the supervisor's backoff.
    public var stableAfter: Duration = .seconds(60)
    /// Pids limit of every instance container.
    public var pidsLimit = 512
    /// Numeric owner of the secrets file in the volume: the `node` user of the OpenClaw image.
    /// Root-run images (the demo bot) read it anyway.
    public var secretsOwner = 1000
    /// Where the logs of a container replaced by a rebuild are kept (`<data dir>/logs`); nil: not kept.
    public var logArchiveDir: String?

    public init(installID: String, stateDir: String, instancePort: Int, stopTimeoutSeconds: Int,
                resync: Duration, orphanGraceSeconds: Int) {
        self.installID = installID
        self.stateDir = stateDir
        self.instancePort = instancePort
        self.stopTimeoutSeconds = stopTimeoutSeconds
        self.resync = resync
        self.orphanGraceSeconds = orphanGraceSeconds
    }
}
