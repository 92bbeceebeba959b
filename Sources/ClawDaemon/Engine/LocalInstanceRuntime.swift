import ClawCore
import ClawRuntime

/// Instances on a local engine (podman or docker): the driver's own calls, the secrets file
/// imported into the volume (`SecretsDelivery`) and health asked over the published host port.
public struct LocalInstanceRuntime: InstanceRuntime {
    public let engine: any ContainerRuntime
    let secrets: SecretsDelivery
    let prober = HealthProber()

    /// `secretsOwner`: numeric owner of the secrets file (the image's user).
    public init(_ engine: any ContainerRuntime, installID: String, secretsOwner: Int,
                runner: ProcessRunner = ProcessRunner(), tarPath: String = "/bin/tar") {
        self.engine = engine
        secrets = SecretsDelivery(runtime: engine, runner: runner, tarPath: tarPath, owner: secretsOwner,
                                  installID: installID)
    }

    public func info() async throws -> InstanceRuntimeInfo {
        let info = try await engine.info()
        return InstanceRuntimeInfo(backend: InstanceBackend(info.backend), version: info.version, endpoint: info.binaryPath)
    }

    public func createVolume(name: String, labels: [String: String], for instance: Instance) async throws {
        try await engine.createVolume(name: name, labels: labels)
    }
    public func volumeExists(name: String) async throws -> Bool { try await engine.volumeExists(name: name) }
    public func listVolumes(labels: [String: String]) async throws -> [VolumeInfo] { try await engine.listVolumes(labels: labels) }
    public func removeVolume(name: String) async throws { try await engine.removeVolume(name: name) }

    public func deliverSecrets(_ imConfig: IMConfig?, for instance: Instance) async throws {
        try await secrets.write(imConfig: imConfig, instance: instance)
    }

    public func createContainer(_ spec: ContainerSpec, for instance: Instance) async throws -> String {
        try await engine.createContainer(spec)
    }
    public func startContainer(_ nameOrID: String) async throws { try await engine.startContainer(nameOrID) }
    public func stopContainer(_ nameOrID: String, timeoutSeconds: Int) async throws {
        try await engine.stopContainer(nameOrID, timeoutSeconds: timeoutSeconds)
    }
    public func removeContainer(_ nameOrID: String, force: Bool) async throws {
        try await engine.removeContainer(nameOrID, force: force)
    }
    public func inspectContainer(_ nameOrID: String) async throws -> ContainerInfo? {
        try await engine.inspectContainer(nameOrID)
    }
    public func listContainers(labels: [String: String]) async throws -> [ContainerInfo] {
        try await engine.listContainers(labels: labels)
    }

    public func logs(_ nameOrID: String, tail: Int?) async throws -> String { try await engine.logs(nameOrID, tail: tail) }
    public func followLogs(_ nameOrID: String, tail: Int?) -> AsyncThrowingStream<String, any Error> {
        engine.followLogs(nameOrID, tail: tail)
    }
    public func events(labels: [String: String], since: Timestamp?) -> AsyncThrowingStream<RuntimeEvent, any Error> {
        engine.events(labels: labels, since: since)
    }

    public func probeHealth(_ nameOrID: String, hostPort: Int?) async -> Bool? {
        guard let hostPort else { return nil }
        return await prober.probe(port: hostPort)
    }
}
