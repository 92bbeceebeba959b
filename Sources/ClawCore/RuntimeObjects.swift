import Foundation

/// What `info`/`version` reports about the engine.
public struct RuntimeInfo: Sendable, Equatable, Codable {
    public var backend: RuntimeBackend
    public var version: String
    public var binaryPath: String
    public init(backend: RuntimeBackend, version: String, binaryPath: String) {
        self.backend = backend
        self.version = version
        self.binaryPath = binaryPath
    }
}

public struct ImageInfo: Sendable, Equatable {
    public var id: String
    public var tags: [String]
    public var createdAt: Date?
    public var sizeBytes: Int64?
    public init(id: String, tags: [String], createdAt: Date?, sizeBytes: Int64?) {
        self.id = id
        self.tags = tags
        self.createdAt = createdAt
        self.sizeBytes = sizeBytes
    }
}

public struct VolumeInfo: Sendable, Equatable {
    public var name: String
    public var labels: [String: String]
    public var createdAt: Date?
    public init(name: String, labels: [String: String], createdAt: Date?) {
        self.name = name
        self.labels = labels
        self.createdAt = createdAt
    }
}

public enum ContainerState: String, Sendable, Codable {
    case created, running, paused, restarting, exited, stopped, dead, removing, unknown
}

/// One container as observed at the runtime.
public struct ContainerInfo: Sendable, Equatable {
    public var id: String
    public var name: String
    public var image: String
    public var state: ContainerState
    public var labels: [String: String]
    public var ports: [PortPublish]
    public var createdAt: Date
    public var exitCode: Int?
    /// The container's IP address on each network it is attached to, by network name (empty
    /// while it is not running).
    public var addresses: [String: String]
    public init(id: String, name: String, image: String, state: ContainerState,
                labels: [String: String], ports: [PortPublish], createdAt: Date, exitCode: Int?,
                addresses: [String: String] = [:]) {
        self.id = id
        self.name = name
        self.image = image
        self.state = state
        self.labels = labels
        self.ports = ports
        self.createdAt = createdAt
        self.exitCode = exitCode
        self.addresses = addresses
    }

    /// The address clients of the runtime network reach it at: the one of its network (the first
    /// by name when it has several), nil when it has none.
    public var address: String? {
        addresses.filter { !$0.value.isEmpty }.min { $0.key < $1.key }?.value
    }
}

/// One event from the runtime's event stream (container events only).
public struct RuntimeEvent: Sendable, Equatable {
    /// Normalised action: `create`, `start`, `die`, `stop`, `kill`, `remove`, … (as the engine names it,
    /// with docker's `destroy` reported as `remove`).
    public var action: String
    public var containerID: String
    public var containerName: String
    public var labels: [String: String]
    public var time: Date
    public var exitCode: Int?

    /// The action of the event that says the backend listed everything again (its watch
    /// restarted): the consumer resyncs instead of trusting what it heard before.
    public static let relisted = "relisted"

    public init(action: String, containerID: String, containerName: String,
                labels: [String: String], time: Date, exitCode: Int?) {
        self.action = action
        self.containerID = containerID
        self.containerName = containerName
        self.labels = labels
        self.time = time
        self.exitCode = exitCode
    }
}

/// What a `build` printed, and whether it succeeded (a failed build is data, not an error).
public struct ImageBuildResult: Sendable, Equatable {
    public var success: Bool
    public var output: String
    public init(success: Bool, output: String) {
        self.success = success
        self.output = output
    }
}

/// CPU percent and memory bytes summed over running containers.
public struct RuntimeStats: Sendable, Equatable {
    public var cpuPercent: Double
    public var memoryBytes: Int64
    public var containers: Int
    public init(cpuPercent: Double, memoryBytes: Int64, containers: Int) {
        self.cpuPercent = cpuPercent
        self.memoryBytes = memoryBytes
        self.containers = containers
    }
}

/// How an attached run ended and what it printed.
public struct AttachedRun: Sendable, Equatable {
    public var exitCode: Int32
    public var stdout: String
    public var stderr: String
    public init(exitCode: Int32, stdout: String, stderr: String) {
        self.exitCode = exitCode
        self.stdout = stdout
        self.stderr = stderr
    }
}
