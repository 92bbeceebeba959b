import ClawCore
import Foundation
import Logging

/// The one `ContainerRuntime` for podman and docker: both are driven through their CLI and
/// differ only in argv details (`CLIArguments`) and JSON shapes (`PodmanJSON`, `DockerJSON`).
public struct CLIRuntime: ContainerRuntime {
    public let backend: RuntimeBackend
    /// Absolute path of the engine's CLI.
    public let binaryPath: String
    /// Extra variables for every call, e.g. `DOCKER_HOST`.
    public let environment: [String: String]
    public let runner: ProcessRunner
    public let defaultTimeout: Duration
    let arguments: CLIArguments
    let logger = Logger(label: "clawd.runtime")

    public init(backend: RuntimeBackend, binaryPath: String, environment: [String: String] = [:],
                runner: ProcessRunner = .init(), defaultTimeout: Duration = .seconds(60)) {
        self.backend = backend
        self.binaryPath = binaryPath
        self.environment = environment
        self.runner = runner
        self.defaultTimeout = defaultTimeout
        self.arguments = CLIArguments(backend: backend)
    }

    public func info() async throws -> RuntimeInfo {
        let output = try await call("version", arguments.version()).stdout
        let version: String
        do {
            version = backend == .podman ? try PodmanJSON.version(output) : try DockerJSON.version(output)
        } catch let error as ClawError {
            throw error
        } catch {
            throw decodeError("version", error)
        }
        return RuntimeInfo(backend: backend, version: version, binaryPath: binaryPath)
    }

    // MARK: calling the CLI

    /// Runs one CLI call; a non-zero exit becomes `.runtime` keeping the engine's stderr, a
    /// binary that cannot be run becomes `.unavailable`.
    @discardableResult
    func call(_ name: String, _ argv: [String], timeout: Duration? = nil,
              mergeStandardError: Bool = false) async throws -> ProcessResult {
        let result = try await run(argv, timeout: timeout, mergeStandardError: mergeStandardError)
        guard result.succeeded else { throw failure(name, result) }
        return result
    }

    /// Runs one CLI call and returns its result whatever the exit code.
    func run(_ argv: [String], timeout: Duration? = nil, mergeStandardError: Bool = false) async throws -> ProcessResult {
        do {
            return try await runner.run(binaryPath, argv, environment: environment,
                                        timeout: timeout ?? defaultTimeout, mergeStandardError: mergeStandardError)
        } catch let error as ClawError where error.code == .unavailable {
            throw ClawError(.unavailable, "\(backend) is not runnable at \(binaryPath): \(error.message)",
                            cause: error)
        }
    }

    func failure(_ name: String, _ result: ProcessResult) -> ClawError {
        let tail = result.diagnosticTail()
        let message = "\(backend) \(name) failed (exit \(result.exitCode)): \(tail)"
        if Self.isDaemonUnreachable(tail) { return ClawError(.unavailable, message) }
        if Self.isNameConflict(tail) { return ClawError(.conflict, message) }
        return ClawError(.runtime, message)
    }

    func decodeError(_ name: String, _ error: any Error) -> ClawError {
        ClawError(.runtime, "\(backend) \(name) printed output that could not be decoded: \(error)")
    }

    /// "no such container", "no container with name or ID", "image not known", "no such volume".
    static func isNotFound(_ stderr: String) -> Bool {
        let text = stderr.lowercased()
        return text.contains("no such") || text.contains("no container with") || text.contains("image not known")
            || text.contains("no volume with")
    }

    static func isNameConflict(_ stderr: String) -> Bool {
        stderr.lowercased().contains("already in use")
    }

    static func isAlreadyExists(_ stderr: String) -> Bool {
        stderr.lowercased().contains("already exists")
    }

    static func isDaemonUnreachable(_ stderr: String) -> Bool {
        stderr.contains("Cannot connect to the Docker daemon")
    }
}
