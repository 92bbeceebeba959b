import ClawCore
import Foundation

/// Containers and volumes as podman treats them: creating what exists adopts it (same instance
/// and generation) or conflicts, removing what is gone succeeds, a volume in use stays.
extension FakeRuntime {
    public func info() async throws -> RuntimeInfo {
        try await step(.info, nil) { _ in RuntimeInfo(backend: backend, version: "fake", binaryPath: "/fake/\(backend)") }
    }

    public func createVolume(name: String, labels: [String: String]) async throws {
        try await step(.createVolume, name) { s in
            if s.volumes[name] == nil { s.volumes[name] = VolumeInfo(name: name, labels: labels, createdAt: Date()) }
        }
    }

    public func volumeExists(name: String) async throws -> Bool {
        try await step(.volumeExists, name) { $0.volumes[name] != nil }
    }

    public func listVolumes(labels: [String: String]) async throws -> [VolumeInfo] {
        try await step(.listVolumes, nil) { s in
            s.volumes.values.filter { Self.matches($0.labels, labels) }.sorted { $0.name < $1.name }
        }
    }

    public func volumeDiskUsage(name: String) async throws -> Int64? {
        try await step(.volumeDiskUsage, name) { s in s.volumes[name] == nil ? nil : s.volumeSizes[name] ?? 0 }
    }

    public func removeVolume(name: String) async throws {
        try await step(.removeVolume, name) { s in
            if let user = s.containers.values.first(where: { $0.mounts(volume: name, in: s) }) {
                throw ClawError(.runtime, "\(backend) volume rm failed: volume \(name) is being used by \(user.name)")
            }
            s.volumes[name] = nil
        }
    }

    public func createContainer(_ spec: ContainerSpec) async throws -> String {
        try await step(.createContainer, spec.name) { s in
            if let images = s.images, !images.contains(spec.image) {
                throw ClawError(.runtime, "\(backend) create failed: \(spec.image): image not known")
            }
            if let existing = s.containers[spec.name] {
                let adoptable = spec.labels[RuntimeNames.instanceLabel] != nil
                    && RuntimeNames.adoptionLabels.allSatisfy { existing.labels[$0] == spec.labels[$0] }
                guard adoptable else {
                    throw ClawError(.conflict, "\(backend) create failed: container name \(spec.name) is already in use")
                }
                return existing.id
            }
            if let network = spec.network {
                guard s.networks[network] != nil else {
                    throw ClawError(.runtime, "\(backend) create failed: unable to find network \(network): network not found")
                }
                s.attached[spec.name] = network
            }
            for mount in spec.volumes where s.volumes[mount.volume] == nil {
                s.volumes[mount.volume] = VolumeInfo(name: mount.volume, labels: [:], createdAt: Date())
            }
            let id = String(format: "%064x", s.nextID)
            s.nextID += 1
            s.containers[spec.name] = ContainerInfo(id: id, name: spec.name, image: spec.image, state: .created,
                                                    labels: spec.labels, ports: spec.ports, createdAt: Date(), exitCode: nil)
            s.mounts[spec.name] = spec.volumes.map(\.volume)
            return id
        }
    }

    public func startContainer(_ nameOrID: String) async throws {
        try await step(.startContainer, nameOrID) { s in
            let name = try Self.existing(nameOrID, in: s, backend, "start")
            s.containers[name]!.state = .running
            s.containers[name]!.exitCode = nil
            Self.emit("start", s.containers[name]!, in: &s)
        }
    }

    public func stopContainer(_ nameOrID: String, timeoutSeconds: Int) async throws {
        try await step(.stopContainer, nameOrID) { s in
            let name = try Self.existing(nameOrID, in: s, backend, "stop")
            guard s.containers[name]!.state == .running else { return }
            s.containers[name]!.state = .exited
            s.containers[name]!.exitCode = 0
            Self.emit("die", s.containers[name]!, in: &s)
        }
    }

    public func killContainer(_ nameOrID: String, signal: String) async throws {
        try await step(.killContainer, nameOrID) { s in
            let name = try Self.existing(nameOrID, in: s, backend, "kill")
            guard s.containers[name]!.state == .running else {
                throw ClawError(.runtime, "\(backend) kill failed: container \(nameOrID) is not running")
            }
            s.containers[name]!.state = .exited
            s.containers[name]!.exitCode = 137
            Self.emit("die", s.containers[name]!, in: &s)
        }
    }

    public func removeContainer(_ nameOrID: String, force: Bool) async throws {
        try await step(.removeContainer, nameOrID) { s in
            guard let name = Self.name(nameOrID, in: s), let c = s.containers[name] else { return }
            if c.state == .running, !force {
                throw ClawError(.runtime, "\(backend) rm failed: container \(name) is running")
            }
            s.containers[name] = nil
            s.mounts[name] = nil
            s.attached[name] = nil
            Self.emit("remove", c, in: &s)
        }
    }

    public func inspectContainer(_ nameOrID: String) async throws -> ContainerInfo? {
        try await step(.inspectContainer, nameOrID) { s in Self.name(nameOrID, in: s).flatMap { s.containers[$0] } }
    }

    public func listContainers(labels: [String: String]) async throws -> [ContainerInfo] {
        try await step(.listContainers, nil) { s in
            s.containers.values.filter { Self.matches($0.labels, labels) }.sorted { $0.name < $1.name }
        }
    }

    /// A name, or an id of a container that exists.
    static func name(_ nameOrID: String, in s: State) -> String? {
        if s.containers[nameOrID] != nil { return nameOrID }
        return s.containers.values.first { $0.id == nameOrID }?.name
    }

    static func existing(_ nameOrID: String, in s: State, _ backend: RuntimeBackend, _ verb: String) throws -> String {
        guard let name = name(nameOrID, in: s) else {
            throw ClawError(.notFound, "\(backend) \(verb) failed: container \(nameOrID) not found: no such container")
        }
        return name
    }
}

extension ContainerInfo {
    func mounts(volume: String, in s: FakeRuntime.State) -> Bool {
        s.mounts[name]?.contains(volume) == true
    }
}
