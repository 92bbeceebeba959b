/// What the engine's instance side needs of a backend: the instance's volume and container, their
/// events and logs, its secrets file and its health. A local engine (`ContainerRuntime` behind the
/// daemon's `LocalInstanceRuntime`) and a Kubernetes cluster both provide it; operations only a
/// local engine has (volume archives, disk usage, networks, images, agent runs) are not here, so
/// nothing holding an `InstanceRuntime` can reach them. Creating what exists and removing what is
/// gone succeed, so every step can be retried after a crash.
public protocol InstanceRuntime: Sendable {
    /// The backend, its version and where it is reached.
    func info() async throws -> InstanceRuntimeInfo

    /// The instance's volume (`instance` gives its tier's size where the backend sizes volumes).
    func createVolume(name: String, labels: [String: String], for instance: Instance) async throws
    func volumeExists(name: String) async throws -> Bool
    /// ONE call: every volume carrying all of `labels`.
    func listVolumes(labels: [String: String]) async throws -> [VolumeInfo]
    func removeVolume(name: String) async throws

    /// Writes the instance's secrets file (`secrets/im-config.json` under the state directory,
    /// mode 0600; `{}` without a config) where its next container reads it. Never an argv
    /// element, an environment variable or a label.
    func deliverSecrets(_ imConfig: IMConfig?, for instance: Instance) async throws

    /// Creates the instance's container (stopped) from `spec`; returns its id.
    func createContainer(_ spec: ContainerSpec, for instance: Instance) async throws -> String
    func startContainer(_ nameOrID: String) async throws
    /// Stops it, waiting at most `timeoutSeconds` for it to go before it is killed.
    func stopContainer(_ nameOrID: String, timeoutSeconds: Int) async throws
    func removeContainer(_ nameOrID: String, force: Bool) async throws
    /// nil when the container is missing.
    func inspectContainer(_ nameOrID: String) async throws -> ContainerInfo?
    /// ONE call: every container (running or not) carrying all of `labels`.
    func listContainers(labels: [String: String]) async throws -> [ContainerInfo]

    /// The last `tail` lines (all when nil) of stdout+stderr.
    func logs(_ nameOrID: String, tail: Int?) async throws -> String
    /// Follows the logs until the container stops or the consumer cancels.
    func followLogs(_ nameOrID: String, tail: Int?) -> AsyncThrowingStream<String, any Error>
    /// Container events for containers carrying all of `labels`, until cancelled. With `since`, a
    /// backend that keeps an event history replays it from that instant first; one that resumes
    /// by its own position (a watch's resourceVersion) ignores it. An event with the action
    /// `relisted` says the backend lost track and listed again: the consumer resyncs.
    func events(labels: [String: String], since: Timestamp?) -> AsyncThrowingStream<RuntimeEvent, any Error>

    /// Whether the running container serves: true when it does, false when it does not, nil
    /// when it cannot be asked (no host port published).
    func probeHealth(_ nameOrID: String, hostPort: Int?) async -> Bool?
}

/// Where instances run: a local engine or a Kubernetes cluster.
public enum InstanceBackend: String, Sendable, Codable, CaseIterable {
    case podman
    case docker
    case kubernetes

    public init(_ local: RuntimeBackend) {
        switch local {
        case .podman: self = .podman
        case .docker: self = .docker
        }
    }
}

/// What `InstanceRuntime.info` reports: the backend, its version, and its binary or API server.
public struct InstanceRuntimeInfo: Sendable, Equatable {
    public var backend: InstanceBackend
    public var version: String
    public var endpoint: String
    public init(backend: InstanceBackend, version: String, endpoint: String) {
        self.backend = backend
        self.version = version
        self.endpoint = endpoint
    }
}
