import ClawTestSupport
import Foundation
import Testing

/// Runs the built `clawctl` as a process (no TTY: stdin is /dev/null, output goes to files).
struct Clawctl {
    struct Result: CustomStringConvertible {
        var code: Int32
        var stdout: String
        var stderr: String
        var description: String { "exit \(code)\n--- stdout:\n\(stdout)\n--- stderr:\n\(stderr)" }
        /// stdout as a JSON object.
        func json() throws -> [String: Any] {
            guard let obj = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] else {
                throw DaemonProcessError("stdout is not a JSON object: \(stdout)")
            }
            return obj
        }
    }

    /// A clawctl still running (`--follow`), its stdout in a file.
    final class Background: @unchecked Sendable {
        let process = Process()
        let outPath: String
        init(outPath: String) { self.outPath = outPath }
        var stdout: String { (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" }

        /// Polls stdout until it contains `text`; false after `timeout`.
        func waitFor(_ text: String, timeout: Duration = .seconds(60)) async -> Bool {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if stdout.contains(text) { return true }
                if !process.isRunning { return stdout.contains(text) }
                try? await Task.sleep(for: .milliseconds(50))
            }
            return false
        }

        func stop() {
            if process.isRunning { kill(process.processIdentifier, SIGINT) }
            process.waitUntilExit()
        }
        deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    }

    static var path: String { TestPaths.binDir + "/clawctl" }

    /// The socket the commands use (`--socket`), nil to pass none.
    var socket: String?
    /// Prepended to argv (e.g. `setpriv --reuid=…`); empty runs clawctl directly.
    var wrapper: [String] = []
    var environment: [String: String] = [:]

    static func requireBinary() throws {
        try #require(FileManager.default.isExecutableFile(atPath: path),
                     "clawctl is not built at \(path): run swift build (or set CLAWD_TEST_BIN_DIR)")
    }

    func makeProcess(_ args: [String], out: String, err: String) throws -> Process {
        let p = Process()
        let argv = args + (socket.map { ["--socket", $0] } ?? [])
        if wrapper.isEmpty {
            p.executableURL = URL(fileURLWithPath: Self.path)
            p.arguments = argv
        } else {
            p.executableURL = URL(fileURLWithPath: wrapper[0])
            p.arguments = Array(wrapper.dropFirst()) + [Self.path] + argv
        }
        var env = ProcessInfo.processInfo.environment
        env["CLAWD_SOCKET"] = nil
        env["NO_COLOR"] = nil
        for (k, v) in environment { env[k] = v }
        p.environment = env
        FileManager.default.createFile(atPath: out, contents: nil)
        FileManager.default.createFile(atPath: err, contents: nil)
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle(forWritingAtPath: out)
        p.standardError = FileHandle(forWritingAtPath: err)
        return p
    }

    /// Runs `clawctl args…` to its end.
    @discardableResult
    func run(_ args: String..., timeout: Duration = .seconds(180)) async throws -> Result {
        try await run(args, timeout: timeout)
    }

    /// `stdin`: what clawctl reads on its standard input (nothing when nil).
    func run(_ args: [String], stdin: String? = nil, timeout: Duration = .seconds(180)) async throws -> Result {
        let dir = try TestPaths.makeTempDir("ctl")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let p = try makeProcess(args, out: dir + "/out", err: dir + "/err")
        if let stdin {
            try stdin.write(toFile: dir + "/in", atomically: true, encoding: .utf8)
            p.standardInput = FileHandle(forReadingAtPath: dir + "/in")
        }
        try p.run()
        let deadline = ContinuousClock.now + timeout
        while p.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        func read(_ name: String) -> String { (try? String(contentsOfFile: dir + "/" + name, encoding: .utf8)) ?? "" }
        return Result(code: p.terminationStatus, stdout: read("out"), stderr: read("err"))
    }

    /// Starts `clawctl args…` and returns while it runs.
    func start(_ args: String...) throws -> Background {
        let dir = try TestPaths.makeTempDir("ctl")
        let bg = Background(outPath: dir + "/out")
        let p = try makeProcess(args, out: dir + "/out", err: dir + "/err")
        bg.process.executableURL = p.executableURL
        bg.process.arguments = p.arguments
        bg.process.environment = p.environment
        bg.process.standardInput = p.standardInput
        bg.process.standardOutput = p.standardOutput
        bg.process.standardError = p.standardError
        try bg.process.run()
        return bg
    }
}

extension Clawctl.Result {
    /// A failure is one line on stderr, prefixed `clawctl:`, without a stack trace.
    var isOneErrorLine: Bool {
        let lines = stderr.split(separator: "\n")
        return lines.count == 1 && lines[0].hasPrefix("clawctl: ") && stdout.isEmpty
    }
}
