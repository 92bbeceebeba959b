import ClawCore
import ClawRuntime
import Foundation

/// The engine's own CLI, for what a test does behind clawd's back (kill a container, `exec`
/// into it, read `inspect` output the driver does not expose). Product code never holds one:
/// it talks to `any ContainerRuntime`.
public struct RuntimeCommandLine: Sendable {
    public let backend: RuntimeBackend
    /// Absolute path of `podman` or `docker`.
    public let binaryPath: String
    /// Extra variables for every call, e.g. `DOCKER_HOST`.
    public let environment: [String: String]
    public let runner: ProcessRunner

    public init(backend: RuntimeBackend, binaryPath: String, environment: [String: String] = [:],
                runner: ProcessRunner = ProcessRunner()) {
        self.backend = backend
        self.binaryPath = binaryPath
        self.environment = environment
        self.runner = runner
    }

    /// The driver clawd would use for this engine.
    public func driver(timeout: Duration = .seconds(60)) -> any ContainerRuntime {
        CLIRuntime(backend: backend, binaryPath: binaryPath, environment: environment, runner: runner,
                   defaultTimeout: timeout)
    }

    /// `<engine> <args>` whatever its exit code.
    public func run(_ args: [String], timeout: Duration = .seconds(60), stdin: Data? = nil) async throws -> ProcessResult {
        try await runner.run(binaryPath, args, environment: environment, timeout: timeout, stdin: stdin)
    }

    /// `<engine> <args>`; returns stdout, throws with the engine's stderr on a non-zero exit.
    @discardableResult
    public func output(_ args: [String], timeout: Duration = .seconds(60)) async throws -> String {
        let r = try await run(args, timeout: timeout)
        guard r.succeeded else {
            throw ClawError(.runtime, "\(backend) \(args.joined(separator: " ")) failed: \(r.diagnosticTail())")
        }
        return r.stdout
    }
}
