import ClawCore
import Foundation
import Logging
import Metrics
import Subprocess

/// The one way clawd runs a subprocess: argv array, absolute executable, timeout with
/// terminate-then-kill, output limit, an environment without systemd's per-process variables.
///
/// Never sets uid/gid options: swift-subprocess 1.0.2 deadlocks on Linux with them (its #374).
public struct ProcessRunner: Sendable {
    /// Variables systemd hands to clawd itself; a child that saw them could notify or
    /// claim sockets on clawd's behalf.
    public static let strippedVariables: [String] = [
        "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES",
    ]
    public static let defaultOutputLimit = 4 * 1024 * 1024

    /// Time between SIGTERM and SIGKILL when a call times out or is cancelled.
    public var killGrace: Duration
    var logger = Logger(label: "clawd.runtime")

    public init(killGrace: Duration = .seconds(2)) {
        self.killGrace = killGrace
    }

    /// Runs `executable` to completion. A non-zero exit is a normal result, not an error.
    public func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        timeout: Duration, outputLimit: Int = ProcessRunner.defaultOutputLimit, stdin: Data? = nil,
        mergeStandardError: Bool = false
    ) async throws -> ProcessResult {
        let command = Self.commandName(executable, arguments)
        let started = ContinuousClock.now
        defer {
            let elapsed = ContinuousClock.now - started
            Counter(label: "clawd_runtime_calls_total", dimensions: [("command", command)]).increment()
            Metrics.Timer(label: "clawd_runtime_call_duration_seconds", dimensions: [("command", command)])
                .recordNanoseconds(Int64(elapsed.components.seconds) * 1_000_000_000
                    + elapsed.components.attoseconds / 1_000_000_000)
        }
        let configuration = try makeConfiguration(executable, arguments, environment: environment)
        let result = try await withThrowingTaskGroup(of: ProcessResult?.self) { group in
            group.addTask {
                do {
                    switch (stdin, mergeStandardError) {
                    case (let data?, false):
                        return try await Self.collect(configuration, input: .data(data), limit: outputLimit)
                    case (nil, false):
                        return try await Self.collect(configuration, input: .none, limit: outputLimit)
                    case (let data?, true):
                        return try await Self.collectMerged(configuration, input: .data(data), limit: outputLimit)
                    case (nil, true):
                        return try await Self.collectMerged(configuration, input: .none, limit: outputLimit)
                    }
                } catch {
                    throw Self.map(error, executable)
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            // The first child to finish decides; cancelling the run tears the process down
            // (SIGTERM, then SIGKILL after `killGrace`) through swift-subprocess's cleanup handler.
            return try await group.next() ?? nil
        }
        let elapsedMs = (ContinuousClock.now - started).milliseconds
        guard let result else {
            logger.warning("process timed out", metadata: ["op": "\(command)", "duration_ms": "\(elapsedMs)"])
            throw ClawError(.timeout, "\(Self.display(executable, arguments)) timed out after \(timeout)")
        }
        logger.debug("process finished", metadata: [
            "op": "\(command)", "exit": "\(result.exitCode)", "duration_ms": "\(elapsedMs)",
        ])
        return result
    }

    /// Streams stdout (with stderr merged in when asked) line by line. The process is torn down
    /// when the consumer stops iterating; a non-zero exit ends the stream with a `.runtime` error
    /// carrying the last lines of stderr.
    public func streamLines(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        mergeStandardError: Bool = false
    ) -> AsyncThrowingStream<String, any Error> {
        let command = Self.commandName(executable, arguments)
        let display = Self.display(executable, arguments)
        let configuration: Configuration
        do {
            configuration = try makeConfiguration(executable, arguments, environment: environment)
        } catch {
            return AsyncThrowingStream { $0.finish(throwing: error) }
        }
        Counter(label: "clawd_runtime_calls_total", dimensions: [("command", command)]).increment()
        return AsyncThrowingStream { continuation in
            // Not a stray task: the stream's consumer owns its lifetime through onTermination.
            let task = Task {
                do {
                    let status: TerminationStatus
                    let diagnostic: String
                    if mergeStandardError {
                        let result = try await Subprocess.run(
                            configuration, input: .none, output: .sequence, error: .combinedWithOutput
                        ) { try await Self.pump($0, into: continuation) }
                        status = result.terminationStatus
                        diagnostic = result.closureResult.joined(separator: "\n")
                    } else {
                        let result = try await Subprocess.run(
                            configuration, input: .none, output: .sequence, error: .string(limit: 64 * 1024)
                        ) { try await Self.pump($0, into: continuation) }
                        status = result.terminationStatus
                        diagnostic = result.standardError
                    }
                    if Task.isCancelled || status.isSuccess {
                        continuation.finish()
                    } else {
                        let code = ProcessResult(termination: .init(status), stdout: "", stderr: "").exitCode
                        continuation.finish(throwing: ClawError(
                            .runtime, "\(display) failed (exit \(code)): \(diagnostic.trimmingWhitespace())"))
                    }
                } catch {
                    continuation.finish(throwing: Task.isCancelled ? nil : Self.map(error, executable))
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Yields every line and returns the last few, for the error message of a failed stream.
    static func pump<E: ErrorOutputProtocol>(
        _ execution: Execution<NoInput, SequenceOutput, E>,
        into continuation: AsyncThrowingStream<String, any Error>.Continuation
    ) async throws -> [String] {
        var tail: [String] = []
        for try await line in execution.standardOutput.strings() {
            continuation.yield(line)
            tail.append(line)
            if tail.count > 5 { tail.removeFirst() }
        }
        return tail
    }

    func makeConfiguration(
        _ executable: String, _ arguments: [String], environment: [String: String]?
    ) throws -> Configuration {
        guard executable.hasPrefix("/") else {
            throw ClawError(.invalidArgument, "executable must be an absolute path: \(executable)", param: "executable")
        }
        var overrides: [Environment.Key: String?] = [:]
        for name in Self.strippedVariables { overrides[Environment.Key(rawValue: name)!] = .some(nil) }
        for (key, value) in environment ?? [:] { overrides[Environment.Key(rawValue: key)!] = value }
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: killGrace)]
        return Configuration(
            executable: .path(.init(executable)), arguments: Arguments(arguments),
            environment: .inherit.updating(overrides), platformOptions: options)
    }

    static func collect(
        _ configuration: Configuration, input: some InputProtocol, limit: Int
    ) async throws -> ProcessResult {
        let result = try await Subprocess.run(
            configuration, input: input, output: .string(limit: limit), error: .string(limit: limit))
        return ProcessResult(
            termination: .init(result.terminationStatus), stdout: result.standardOutput,
            stderr: result.standardError)
    }

    static func collectMerged(
        _ configuration: Configuration, input: some InputProtocol, limit: Int
    ) async throws -> ProcessResult {
        let result = try await Subprocess.run(
            configuration, input: input, output: .string(limit: limit), error: .combinedWithOutput)
        return ProcessResult(termination: .init(result.terminationStatus), stdout: result.standardOutput, stderr: "")
    }

    static func map(_ error: any Error, _ executable: String) -> any Error {
        guard let error = error as? SubprocessError else { return error }
        switch error.code {
        case .executableNotFound, .spawnFailed:
            return ClawError(.unavailable, "cannot run \(executable): \(error)", cause: error)
        case .outputLimitExceeded:
            return ClawError(.runtime, "\(executable) printed more output than allowed: \(error)", cause: error)
        default:
            return ClawError(.runtime, "running \(executable) failed: \(error)", cause: error)
        }
    }

    /// The metrics dimension: the first argv word that is not a flag (`ps`, `run`, `volume`).
    static func commandName(_ executable: String, _ arguments: [String]) -> String {
        arguments.first { !$0.hasPrefix("-") } ?? (executable as NSString).lastPathComponent
    }

    /// Binary basename plus the leading subcommand words, never values (which may be secrets).
    static func display(_ executable: String, _ arguments: [String]) -> String {
        let words = arguments.prefix { !$0.hasPrefix("-") && !$0.contains("=") && !$0.contains("/") }.prefix(2)
        return ([(executable as NSString).lastPathComponent] + words).joined(separator: " ")
    }
}

extension ProcessResult.Termination {
    init(_ status: TerminationStatus) {
        switch status {
        case .exited(let code): self = .exited(Int32(code))
        case .signaled(let signal): self = .signaled(Int32(signal))
        }
    }
}

extension Duration {
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
