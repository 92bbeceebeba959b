import ClawCore
import Foundation

extension CLIRuntime {
    public func createContainer(_ spec: ContainerSpec) async throws -> String {
        let argv = try arguments.createContainer(spec)
        let result = try await run(argv)
        if result.succeeded {
            guard let id = result.stdout.split(whereSeparator: \.isNewline).last.map({ $0.trimmingWhitespace() }),
                  !id.isEmpty
            else { throw ClawError(.runtime, "\(backend) create printed no container id") }
            return id
        }
        guard Self.isNameConflict(result.stderr) else { throw failure("create", result) }
        // The name is taken: adopt it when it is the same instance and generation (a retry after
        // a crash between create and the database write), refuse otherwise.
        guard let existing = try await inspectContainer(spec.name) else {
            throw failure("create", result)
        }
        if Self.adoptable(existing: existing.labels, wanted: spec.labels) {
            logger.info("adopted existing container", metadata: ["container": "\(spec.name)"])
            return existing.id
        }
        throw ClawError(.conflict, "\(backend) create failed: container name \(spec.name) is in use by a container "
            + "with other \(RuntimeNames.adoptionLabels.joined(separator: "/")) labels: \(result.diagnosticTail())", param: "name")
    }

    /// Whether an existing container is "ours, this generation" (`RuntimeNames.adoptionLabels`),
    /// so a retried create adopts it.
    static func adoptable(existing: [String: String], wanted: [String: String]) -> Bool {
        guard wanted[RuntimeNames.instanceLabel] != nil else { return false }
        return RuntimeNames.adoptionLabels.allSatisfy { existing[$0] == wanted[$0] }
    }

    public func startContainer(_ nameOrID: String) async throws {
        try RuntimeValidation.name(nameOrID)
        try await callExpectingObject("start", arguments.startContainer(nameOrID), what: "container \(nameOrID)")
    }

    public func stopContainer(_ nameOrID: String, timeoutSeconds: Int) async throws {
        try RuntimeValidation.name(nameOrID)
        try RuntimeValidation.nonNegative(timeoutSeconds, param: "timeoutSeconds")
        // The engine waits `timeoutSeconds` before SIGKILL; give the CLI that much more time.
        let timeout = max(defaultTimeout, .seconds(timeoutSeconds + 30))
        try await callExpectingObject("stop", arguments.stopContainer(nameOrID, timeoutSeconds: timeoutSeconds),
                                      what: "container \(nameOrID)", timeout: timeout)
    }

    public func killContainer(_ nameOrID: String, signal: String) async throws {
        try RuntimeValidation.name(nameOrID)
        try RuntimeValidation.signal(signal)
        try await callExpectingObject("kill", arguments.killContainer(nameOrID, signal: signal),
                                      what: "container \(nameOrID)")
    }

    public func removeContainer(_ nameOrID: String, force: Bool) async throws {
        try RuntimeValidation.name(nameOrID)
        let result = try await run(arguments.removeContainer(nameOrID, force: force))
        if result.succeeded || Self.isNotFound(result.stderr) { return }
        throw failure("rm", result)
    }

    public func inspectContainer(_ nameOrID: String) async throws -> ContainerInfo? {
        try RuntimeValidation.name(nameOrID)
        let result = try await run(arguments.inspectContainer(nameOrID))
        if !result.succeeded {
            if Self.isNotFound(result.stderr) { return nil }
            throw failure("container inspect", result)
        }
        do {
            return try InspectJSON.container(result.stdout)
        } catch {
            throw decodeError("container inspect", error)
        }
    }

    public func listContainers(labels: [String: String]) async throws -> [ContainerInfo] {
        try CLIArguments.validateLabels(labels)
        let output = try await call("ps", arguments.listContainers(labels: labels)).stdout
        let containers: [ContainerInfo]
        do {
            containers = backend == .podman ? try PodmanJSON.containers(output) : try DockerJSON.containers(output)
        } catch {
            throw decodeError("ps", error)
        }
        // The engines AND label filters; filtering again costs nothing and guards older versions.
        return containers.filter { container in labels.allSatisfy { container.labels[$0.key] == $0.value } }
    }

    /// A call on an object that must exist: "no such …" becomes `.notFound`.
    func callExpectingObject(_ name: String, _ argv: [String], what: String, timeout: Duration? = nil) async throws {
        let result = try await run(argv, timeout: timeout)
        guard !result.succeeded else { return }
        if Self.isNotFound(result.stderr) {
            throw ClawError(.notFound, "\(backend) \(name) failed: \(what) not found: \(result.diagnosticTail())")
        }
        throw failure(name, result)
    }
}
