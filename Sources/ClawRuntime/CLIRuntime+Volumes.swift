import ClawCore
import Foundation

extension CLIRuntime {
    public func createVolume(name: String, labels: [String: String]) async throws {
        try RuntimeValidation.name(name)
        try CLIArguments.validateLabels(labels)
        let result = try await run(arguments.createVolume(name, labels: labels))
        // docker succeeds on an existing volume; podman 4.3 says "already exists".
        if result.succeeded || Self.isAlreadyExists(result.stderr) { return }
        throw failure("volume create", result)
    }

    public func volumeExists(name: String) async throws -> Bool {
        try RuntimeValidation.name(name)
        let result = try await run(arguments.inspectVolumes([name]))
        if result.succeeded { return true }
        if Self.isNotFound(result.stderr) { return false }
        throw failure("volume inspect", result)
    }

    public func listVolumes(labels: [String: String]) async throws -> [VolumeInfo] {
        try CLIArguments.validateLabels(labels)
        let listed = try await call("volume ls", arguments.listVolumes(labels: labels)).stdout
        var volumes: [VolumeInfo]
        do {
            if backend == .podman {
                volumes = try PodmanJSON.volumes(listed)
            } else {
                let names = listed.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }
                    .filter { !$0.isEmpty }
                volumes = try await inspectDockerVolumes(names)
            }
        } catch let error as ClawError {
            throw error
        } catch {
            throw decodeError("volume ls", error)
        }
        volumes = volumes.filter { volume in labels.allSatisfy { volume.labels[$0.key] == $0.value } }
        return volumes.sorted { $0.name < $1.name }
    }

    /// One `volume inspect` for all names; if one vanished meanwhile, each on its own.
    func inspectDockerVolumes(_ names: [String]) async throws -> [VolumeInfo] {
        guard !names.isEmpty else { return [] }
        let result = try await run(arguments.inspectVolumes(names))
        if result.succeeded { return try DockerJSON.volumes(result.stdout) }
        guard Self.isNotFound(result.stderr), names.count > 1 else {
            if Self.isNotFound(result.stderr) { return [] }
            throw failure("volume inspect", result)
        }
        var volumes: [VolumeInfo] = []
        for name in names { volumes += try await inspectDockerVolumes([name]) }
        return volumes
    }

    public func removeVolume(name: String) async throws {
        try RuntimeValidation.name(name)
        let result = try await run(arguments.removeVolume(name))
        if result.succeeded || Self.isNotFound(result.stderr) { return }
        throw failure("volume rm", result)
    }

    /// podman imports natively (adding files); docker has no import, so `helper` extracts the
    /// archive from its stdin the way `restoreVolume` does, without removing anything.
    public func importVolume(name: String, from path: String, helper: VolumeArchiveHelper) async throws {
        try RuntimeValidation.name(name)
        try RuntimeValidation.hostPath(path, param: "path")
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ClawError(.invalidArgument, "cannot read archive \(path)", param: "path")
        }
        guard try await volumeExists(name: name) else {
            throw ClawError(.notFound, "\(backend) volume import failed: volume \(name) not found", param: "name")
        }
        if backend == .podman {
            try await call("volume import", arguments.podmanImportVolume(name, from: path), timeout: max(defaultTimeout, .seconds(600)))
            return
        }
        try await removeContainer(helper.name, force: true)
        let result = try await runner.run(binaryPath, try arguments.importVolume(name, helper: helper),
                                          environment: environment, timeout: helper.timeout, stdinPath: path, stdoutPath: nil)
        guard result.succeeded else { throw failure("volume import", result) }
    }
}
