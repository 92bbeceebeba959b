import AsyncHTTPClient
import Foundation

/// kmock's Kubernetes API emulator (`scripts/kube-emulator`, from the venv scripts/setup
/// installs) as a subprocess on a port of its own: plain HTTP on 127.0.0.1, any bearer token
/// accepted. `with` starts it, waits until it answers and kills it afterwards.
public final class KubeEmulator: @unchecked Sendable {
    public let port: Int
    /// The API server URL, `http://127.0.0.1:<port>`.
    public let url: String
    /// The token the kubeconfig carries (the emulator accepts any; tests check it arrives).
    public let token: String
    public let namespace: String
    let process = Process()
    let stderrPath: String

    public static var python: String { TestPaths.repoRoot + "/.build-venv/bin/python3" }
    public static var script: String { TestPaths.repoRoot + "/scripts/kube-emulator" }

    /// Runs `body` with a started emulator; kills it afterwards.
    public static func with<T>(namespace: String = "clawd-test", _ body: (KubeEmulator) async throws -> T) async throws -> T {
        let emulator = try await start(namespace: namespace)
        return try await withCleanup({ try await body(emulator) }, cleanup: { emulator.stop() })
    }

    /// Starts an emulator and waits until it answers `GET /version`; `stop()` it when done.
    public static func start(namespace: String = "clawd-test", timeout: Duration = .seconds(30)) async throws -> KubeEmulator {
        try requireKmock()
        var lastError: (any Error)?
        for _ in 0..<3 {  // another process may take the free port before the emulator binds it
            let emulator = try KubeEmulator(port: try TestPaths.freePort(), namespace: namespace)
            do {
                try await emulator.waitReady(timeout: timeout)
                return emulator
            } catch {
                emulator.stop()
                lastError = error
            }
        }
        throw lastError ?? KubeEmulatorError("the emulator did not start")
    }

    init(port: Int, namespace: String) throws {
        self.port = port
        self.url = "http://127.0.0.1:\(port)"
        self.token = "emulator-token-" + UUID().uuidString.prefix(8)
        self.namespace = namespace
        let dir = try TestPaths.makeTempDir("kmock")
        stderrPath = dir + "/stderr.log"
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = [Self.script, "--port", String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()
    }

    deinit { stop() }

    /// Kills the emulator (idempotent).
    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    public var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    func waitReady(timeout: Duration) async throws {
        try await eventually("kube-emulator answering on \(url)", timeout: timeout, every: .milliseconds(50)) { () -> Bool? in
            guard self.process.isRunning else {
                throw KubeEmulatorError("kube-emulator exited (\(self.process.terminationStatus)): \(self.stderr)")
            }
            var request = HTTPClientRequest(url: self.url + "/version")
            request.method = .GET
            guard let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(2)) else { return nil }
            _ = try? await response.body.collect(upTo: 1 << 16)
            return response.status == .ok ? true : nil
        }
    }

    /// Fails with what to do when the venv or kmock in it is missing.
    static func requireKmock() throws {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw KubeEmulatorError("install kmock: run scripts/setup (\(python) is missing)")
        }
        let check = Process()
        check.executableURL = URL(fileURLWithPath: python)
        check.arguments = ["-c", "import kmock"]
        check.standardOutput = FileHandle.nullDevice
        check.standardError = FileHandle.nullDevice
        try check.run()
        check.waitUntilExit()
        guard check.terminationStatus == 0 else {
            throw KubeEmulatorError("install kmock: run scripts/setup (kmock is not importable by \(python))")
        }
    }
}

public struct KubeEmulatorError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
