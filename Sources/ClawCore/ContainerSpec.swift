/// A published port. In a spec `hostPort == nil` lets the engine choose; in an observed
/// container it is the bound port.
public struct PortPublish: Sendable, Equatable, Hashable {
    public var hostIP: String
    public var hostPort: Int?
    public var containerPort: Int
    public init(hostIP: String = "127.0.0.1", hostPort: Int?, containerPort: Int) {
        self.hostIP = hostIP
        self.hostPort = hostPort
        self.containerPort = containerPort
    }
}

public struct VolumeMount: Sendable, Equatable {
    public var volume: String
    public var path: String
    public var readOnly: Bool
    public init(volume: String, path: String, readOnly: Bool = false) {
        self.volume = volume
        self.path = path
        self.readOnly = readOnly
    }
}

/// A host directory bind-mounted into a container (agent runs: workspace, IPC, extra mounts).
/// The host path must be absolute and already validated (see `MountSecurity`).
public struct BindMount: Sendable, Equatable {
    public var hostPath: String
    public var containerPath: String
    public var readOnly: Bool
    public init(hostPath: String, containerPath: String, readOnly: Bool) {
        self.hostPath = hostPath
        self.containerPath = containerPath
        self.readOnly = readOnly
    }
}

/// Everything needed to create one container. Every string is validated by the driver
/// before it reaches an argv (names, images, label keys, env keys; nothing may start with `-`).
public struct ContainerSpec: Sendable, Equatable {
    public var name: String
    public var image: String
    public var labels: [String: String]
    public var environment: [String: String]
    public var volumes: [VolumeMount]
    public var ports: [PortPublish]
    public var memoryBytes: Int64?
    public var cpus: Double?
    public var pidsLimit: Int?
    /// Overrides the image's command when set.
    public var command: [String]?
    /// Overrides the image's entrypoint (one executable, e.g. `/bin/sh`) when set; `command`
    /// then holds its arguments.
    public var entrypoint: String?
    /// Host directories mounted into the container.
    public var binds: [BindMount] = []
    /// `--add-host name:ip` entries (e.g. the host gateway for the credential proxy).
    public var extraHosts: [String: String] = [:]
    /// The network the container joins (`--network`); nil: the engine's default network.
    public var network: String?
    /// Keeps stdin open (`--interactive`), for a prompt written on `start --attach`.
    public var interactive = false

    public init(name: String, image: String, labels: [String: String] = [:],
                environment: [String: String] = [:], volumes: [VolumeMount] = [],
                ports: [PortPublish] = [], memoryBytes: Int64? = nil, cpus: Double? = nil,
                pidsLimit: Int? = nil, command: [String]? = nil, entrypoint: String? = nil) {
        self.name = name
        self.image = image
        self.labels = labels
        self.environment = environment
        self.volumes = volumes
        self.ports = ports
        self.memoryBytes = memoryBytes
        self.cpus = cpus
        self.pidsLimit = pidsLimit
        self.command = command
        self.entrypoint = entrypoint
    }
}
