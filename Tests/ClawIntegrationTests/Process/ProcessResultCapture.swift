import Foundation

/// Runs a short-lived process to completion and captures its output (test helper).
struct ProcessResultCapture {
    var status: Int32
    var stdout: String
    var stderr: String

    static func run(_ process: Process, timeout: Duration = .seconds(30)) async throws -> ProcessResultCapture {
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return ProcessResultCapture(
            status: process.terminationStatus,
            stdout: String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
            stderr: String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }
}
