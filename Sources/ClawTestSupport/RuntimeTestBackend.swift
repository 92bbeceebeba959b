import ClawCore
import ClawRuntime
import Foundation

/// The engines the shared runtime suite runs against. Both are required: a missing engine
/// fails the test with what to run, it is never skipped silently.
public enum RuntimeTestBackend: String, Sendable, CaseIterable, CustomStringConvertible {
    case podman
    case docker

    public static let all: [RuntimeTestBackend] = allCases
    /// Tag of the instance image the suite builds from `etc/instance-image`.
    public static let imageTag = "localhost/clawd-instance:test"

    public var description: String { rawValue }
    public var backend: RuntimeBackend { self == .podman ? .podman : .docker }

    /// A driver for this engine, checked to answer (`info`) once per test run.
    public func makeRuntime(timeout: Duration = .seconds(120)) async throws -> any ContainerRuntime {
        try await commandLine().driver(timeout: timeout)
    }

    /// The engine's CLI for direct calls, checked to answer once per test run.
    public func commandLine() async throws -> RuntimeCommandLine {
        let cli = try uncheckedCommandLine()
        try await RuntimeTestChecks.shared.verify(self, cli)
        return cli
    }

    func uncheckedCommandLine() throws -> RuntimeCommandLine {
        let environment = ProcessInfo.processInfo.environment
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
        switch self {
        case .podman:
            guard let binary = RuntimeTestBackend.find("podman", path: path) else {
                throw ClawError(.unavailable, "podman is not installed: run scripts/setup (installs podman and runc)")
            }
            return RuntimeCommandLine(backend: .podman, binaryPath: binary)
        case .docker:
            guard let host = environment["CLAWD_TEST_DOCKER_HOST"], !host.isEmpty else {
                throw ClawError(.unavailable, "CLAWD_TEST_DOCKER_HOST is not set: run scripts/test, which starts a "
                    + "private dockerd, or set CLAWD_TEST_DOCKER_HOST (e.g. unix:///run/clawd-test-docker.sock)")
            }
            guard let binary = RuntimeTestBackend.find("docker", path: path) else {
                throw ClawError(.unavailable, "the docker client is not installed: run scripts/setup")
            }
            return RuntimeCommandLine(backend: .docker, binaryPath: binary, environment: ["DOCKER_HOST": host])
        }
    }

    static func find(_ name: String, path: String) -> String? {
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// Remembers, per test run, whether each engine answered, so a broken engine fails every
/// test of its backend with one clear message instead of a timeout each.
actor RuntimeTestChecks {
    static let shared = RuntimeTestChecks()
    private var checks: [RuntimeTestBackend: Task<Void, any Error>] = [:]

    func verify(_ backend: RuntimeTestBackend, _ cli: RuntimeCommandLine) async throws {
        if checks[backend] == nil {
            checks[backend] = Task {
                do {
                    // `info` exercises the engine itself (storage, OCI runtime config, the daemon).
                    let result = try await cli.run(["info"])
                    guard result.succeeded else {
                        throw ClawError(.runtime, "\(backend) info failed (exit \(result.exitCode)): \(result.diagnosticTail())")
                    }
                    _ = try await cli.driver().info()
                } catch {
                    let hint = backend == .podman
                        ? "podman does not work here: run scripts/setup"
                        : "the private dockerd at CLAWD_TEST_DOCKER_HOST does not answer: run scripts/test, which starts it"
                    throw ClawError(.unavailable, "\(hint) (\(error))")
                }
            }
        }
        try await checks[backend]!.value
    }
}
