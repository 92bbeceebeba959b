import Foundation

/// Which container engine a runtime driver talks to.
public enum RuntimeBackend: String, Sendable, Codable, CaseIterable {
    case podman
    case docker
}

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
    public init(id: String, name: String, image: String, state: ContainerState,
                labels: [String: String], ports: [PortPublish], createdAt: Date, exitCode: Int?) {
        self.id = id
        self.name = name
        self.image = image
        self.state = state
        self.labels = labels
        self.ports = ports
        self.createdAt = createdAt
        self.exitCode = exitCode
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

/// The throwaway container that archives or restores a volume: `image` needs `sh`, `tar` and
/// `find` (busybox or GNU); it runs as root without network under `name` (a leftover of that
/// name from a killed run is removed first) and carries `labels`.
public struct VolumeArchiveHelper: Sendable, Equatable {
    public var image: String
    public var name: String
    public var labels: [String: String]
    /// The whole run, however large the volume.
    public var timeout: Duration
    public init(image: String, name: String, labels: [String: String] = [:], timeout: Duration = .seconds(3600)) {
        self.image = image
        self.name = name
        self.labels = labels
        self.timeout = timeout
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

/// A container engine driven through its CLI. Creating what exists (ours) and removing
/// what is gone are successes, so every step can be retried after a crash.
public protocol ContainerRuntime: Sendable {
    var backend: RuntimeBackend { get }

    func info() async throws -> RuntimeInfo

    func imageExists(_ reference: String) async throws -> Bool
    /// nil when the image is missing.
    func inspectImage(_ reference: String) async throws -> ImageInfo?
    func buildImage(tag: String, contextDirectory: String, containerfile: String?) async throws
    func removeImage(_ reference: String) async throws

    func createVolume(name: String, labels: [String: String]) async throws
    func volumeExists(name: String) async throws -> Bool
    func listVolumes(labels: [String: String]) async throws -> [VolumeInfo]
    func removeVolume(name: String) async throws
    /// Writes the volume's contents as a tar archive to `path`.
    func exportVolume(name: String, to path: String) async throws
    /// Replaces/extends the volume's contents from a tar archive at `path` (the volume must exist).
    func importVolume(name: String, from path: String) async throws
    /// Streams the volume's contents as a tar archive into the file at `path` through a throwaway
    /// `helper` container (the same way on podman and docker). See `VolumeArchiveHelper`.
    func archiveVolume(name: String, to path: String, helper: VolumeArchiveHelper) async throws
    /// REPLACES the volume's contents with the tar archive at `path`: extracted beside the old
    /// content first, which is removed only once the archive extracted whole.
    func restoreVolume(name: String, from path: String, helper: VolumeArchiveHelper) async throws

    /// Returns the container id.
    func createContainer(_ spec: ContainerSpec) async throws -> String
    func startContainer(_ nameOrID: String) async throws
    /// Sends SIGTERM, waits `timeoutSeconds`, then SIGKILL.
    func stopContainer(_ nameOrID: String, timeoutSeconds: Int) async throws
    func killContainer(_ nameOrID: String, signal: String) async throws
    func removeContainer(_ nameOrID: String, force: Bool) async throws
    /// nil when the container is missing.
    func inspectContainer(_ nameOrID: String) async throws -> ContainerInfo?
    /// ONE runtime call: every container (running or not) carrying all of `labels`.
    func listContainers(labels: [String: String]) async throws -> [ContainerInfo]

    /// The last `tail` lines (all when nil) of stdout+stderr.
    func logs(_ nameOrID: String, tail: Int?) async throws -> String
    /// Follows the logs until the container stops or the consumer cancels.
    func followLogs(_ nameOrID: String, tail: Int?) -> AsyncThrowingStream<String, any Error>
    /// Container events for containers carrying all of `labels`, until cancelled.
    func events(labels: [String: String]) -> AsyncThrowingStream<RuntimeEvent, any Error>

    // Agent runs (container API); defaults below for drivers without them.
    func hostGateway() async throws -> String?
    func buildImageCapturingOutput(tag: String, contextDirectory: String) async throws -> ImageBuildResult
    func runAttached(_ nameOrID: String, stdin: Data?, timeout: Duration) async throws -> (exitCode: Int32, stdout: String, stderr: String)
}

extension ContainerRuntime {
    public func archiveVolume(name: String, to path: String, helper: VolumeArchiveHelper) async throws {
        throw ClawError(.unavailable, "\(backend) driver cannot archive volumes")
    }

    public func restoreVolume(name: String, from path: String, helper: VolumeArchiveHelper) async throws {
        throw ClawError(.unavailable, "\(backend) driver cannot restore volumes")
    }
}

extension ContainerRuntime {
    /// The address a container on the default network uses to reach the host (the bridge
    /// gateway), as the engine reports it; nil when it reports none.
    public func hostGateway() async throws -> String? { nil }

    /// Builds like `buildImage` but keeps the merged output and reports failure as a result.
    public func buildImageCapturingOutput(tag: String, contextDirectory: String) async throws -> ImageBuildResult {
        throw ClawError(.unavailable, "\(backend) driver cannot build images with output")
    }

    /// Starts a created container attached (`start --attach [--interactive]`), writes `stdin`
    /// to it and waits for it to exit; the result carries stdout and stderr.
    public func runAttached(_ nameOrID: String, stdin: Data?, timeout: Duration) async throws -> (exitCode: Int32, stdout: String, stderr: String) {
        throw ClawError(.unavailable, "\(backend) driver cannot run attached containers")
    }
}
