import ClawClient
import Foundation

/// The built `clawd` binary running as a real process with a temp data dir, a temp socket, a
/// free TCP port and a datagram `NOTIFY_SOCKET`, as systemd would start it.
public final class DaemonProcess: @unchecked Sendable {
    public let dir: String
    public let port: Int
    public let socketPath: String
    public let notify: NotifySocket
    public let process = Process()
    public let stdoutPath: String
    public let stderrPath: String

    public var tcp: ClawClient { ClawClient(endpoint: .tcp(host: "127.0.0.1", port: port)) }
    public var admin: ClawClient { ClawClient(endpoint: .unix(path: socketPath)) }
    public var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    public var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Starts `clawd serve` with `arguments` added; `environment` is added to the test's own.
    /// Network isolation is off unless `environment` turns it on: its host firewall rules outlive
    /// the process, so only fixtures that remove them afterwards (`TestNetworks.cleanup`:
    /// `E2EInstall`, the agent-run and crash fixtures) run with it.
    /// `listenHost`: the TCP listener's address (clients use 127.0.0.1 either way).
    public init(arguments: [String] = [], environment: [String: String] = [:], dir: String? = nil,
                listenHost: String = "127.0.0.1") throws {
        self.dir = try dir ?? TestPaths.makeTempDir("d")
        port = try TestPaths.freePort()
        socketPath = self.dir + "/clawd.sock"
        notify = try NotifySocket(path: self.dir + "/notify.sock")
        stdoutPath = self.dir + "/stdout.log"
        stderrPath = self.dir + "/stderr.log"
        FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: TestPaths.binDir + "/clawd")
        process.arguments = ["serve", "--data-dir", self.dir + "/data", "--socket", socketPath,
                             "--listen", "\(listenHost):\(port)", "--config", TestPaths.repoRoot + "/etc/clawd.yaml"]
            + arguments
        var env = ProcessInfo.processInfo.environment
        env["NOTIFY_SOCKET"] = notify.path
        env["CLAWD_NETWORK_ISOLATION"] = "false"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Waits for `READY=1`; throws with the daemon's stderr when it does not come.
    public func waitReady(timeout: Duration = .seconds(120)) async throws {
        if await notify.waitFor(line: "READY=1", timeout: timeout) { return }
        throw DaemonProcessError("clawd did not send READY=1 within \(timeout); running=\(process.isRunning) stderr:\n\(stderr)")
    }

    public func signal(_ sig: Int32) { kill(process.processIdentifier, sig) }

    /// Waits for the process to exit; returns its exit status, or nil after `timeout`.
    public func waitExit(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return process.isRunning ? nil : process.terminationStatus
    }
}

public struct DaemonProcessError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
