import ClawCore
import Foundation

/// Picks the runtime once at startup: the configured binary, else `podman` in PATH, else `docker`.
public enum RuntimeDetector {
    static let installHint = "install podman (apt-get install podman runc) or docker (apt-get install docker.io), "
        + "or set the runtime binary in the configuration"

    /// - Parameters:
    ///   - mode: `auto`, `podman` or `docker`.
    ///   - binary: a configured binary path (absolute, or a name looked up in PATH).
    ///   - environment: the process environment (for PATH) plus runtime variables such as `DOCKER_HOST`,
    ///     which are passed on to every call.
    ///   - callTimeout: how long one CLI call may take unless it says otherwise.
    public static func detect(mode: String, binary: String?, environment: [String: String],
                              runner: ProcessRunner = .init(), callTimeout: Duration = .seconds(60)) async throws -> CLIRuntime {
        let requested: RuntimeBackend?
        switch mode.lowercased() {
        case "auto", "": requested = nil
        case "podman": requested = .podman
        case "docker": requested = .docker
        default:
            throw ClawError(.config, "unknown runtime mode '\(mode)': use auto, podman or docker", param: "runtime.mode")
        }
        let path = environment["PATH"] ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        let passOn = environment.filter { $0.key.hasPrefix("DOCKER_") || $0.key.hasPrefix("CONTAINER") }

        if let binary, !binary.isEmpty {
            guard let resolved = resolve(binary, path: path) else {
                throw ClawError(.unavailable, "runtime binary \(binary) not found or not executable; \(installHint)",
                                param: "runtime.binary")
            }
            let backend = try requested ?? backend(forBinary: resolved)
            return CLIRuntime(backend: backend, binaryPath: resolved, environment: passOn, runner: runner,
                              defaultTimeout: callTimeout)
        }
        for backend in requested.map({ [$0] }) ?? [.podman, .docker] {
            if let resolved = resolve(backend.rawValue, path: path) {
                return CLIRuntime(backend: backend, binaryPath: resolved, environment: passOn, runner: runner,
                                  defaultTimeout: callTimeout)
            }
        }
        let what = requested.map { "\($0.rawValue) not found in PATH" } ?? "neither podman nor docker found in PATH"
        throw ClawError(.unavailable, "\(what); \(installHint)", param: "runtime.mode")
    }

    /// The backend a binary drives, from its basename (`podman`, `docker`, `podman-remote`…).
    static func backend(forBinary path: String) throws -> RuntimeBackend {
        let base = (path as NSString).lastPathComponent.lowercased()
        if base.contains("podman") { return .podman }
        if base.contains("docker") { return .docker }
        throw ClawError(.config, "cannot tell whether \(path) is podman or docker: set the runtime mode",
                        param: "runtime.mode")
    }

    /// An absolute, executable path for `name` (a path, or a name searched in `path`), symlinks kept.
    static func resolve(_ name: String, path: String) -> String? {
        let fm = FileManager.default
        func executable(_ candidate: String) -> Bool {
            var isDirectory: ObjCBool = false
            return fm.fileExists(atPath: candidate, isDirectory: &isDirectory) && !isDirectory.boolValue
                && fm.isExecutableFile(atPath: candidate)
        }
        if name.contains("/") {
            let absolute = name.hasPrefix("/") ? name : fm.currentDirectoryPath + "/" + name
            let standardized = (absolute as NSString).standardizingPath
            return executable(standardized) ? standardized : nil
        }
        for directory in path.split(separator: ":") where directory.hasPrefix("/") {
            let candidate = "\(directory)/\(name)"
            if executable(candidate) { return candidate }
        }
        return nil
    }
}
