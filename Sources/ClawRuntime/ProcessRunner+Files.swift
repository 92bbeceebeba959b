import ClawCore
import Foundation
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

extension ProcessRunner {
    /// Runs `executable` with its stdin read from the file at `stdinPath` and/or its stdout
    /// written to the file at `stdoutPath` (created with mode 0600, truncated), so archives of any
    /// size stream through the kernel instead of through memory. stderr is collected (64 KiB).
    /// Same timeout, teardown and environment rules as `run`.
    public func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, timeout: Duration,
        stdinPath: String?, stdoutPath: String?
    ) async throws -> ProcessResult {
        let configuration = try makeConfiguration(executable, arguments, environment: environment)
        let input = try stdinPath.map { path -> FileDescriptor in
            do { return try FileDescriptor.open(FilePath(path), .readOnly) } catch {
                throw ClawError(.notFound, "cannot open \(path) for reading: \(error)", param: "path")
            }
        }
        defer { try? input?.close() }
        let output = try stdoutPath.map { path -> FileDescriptor in
            do {
                return try FileDescriptor.open(FilePath(path), .writeOnly, options: [.create, .truncate],
                                               permissions: [.ownerReadWrite])
            } catch {
                throw ClawError(.storage, "cannot open \(path) for writing: \(error)", param: "path")
            }
        }
        defer { try? output?.close() }
        let display = Self.display(executable, arguments)
        let result = try await withThrowingTaskGroup(of: ProcessResult?.self) { group in
            group.addTask {
                do {
                    switch (input, output) {
                    case (let i?, let o?):
                        return try await Self.collect(configuration, input: .fileDescriptor(i, closeAfterSpawningProcess: false),
                                                      output: .fileDescriptor(o, closeAfterSpawningProcess: false))
                    case (let i?, nil):
                        return try await Self.collect(configuration, input: .fileDescriptor(i, closeAfterSpawningProcess: false),
                                                      output: .discarded)
                    case (nil, let o?):
                        return try await Self.collect(configuration, input: .none,
                                                      output: .fileDescriptor(o, closeAfterSpawningProcess: false))
                    case (nil, nil):
                        return try await Self.collect(configuration, input: .none, output: .discarded)
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
            return try await group.next() ?? nil
        }
        guard let result else { throw ClawError(.timeout, "\(display) timed out after \(timeout)") }
        return result
    }

    static func collect(
        _ configuration: Configuration, input: some InputProtocol, output: some OutputProtocol
    ) async throws -> ProcessResult {
        let result = try await Subprocess.run(configuration, input: input, output: output,
                                              error: .string(limit: 64 * 1024))
        return ProcessResult(termination: .init(result.terminationStatus), stdout: "",
                             stderr: result.standardError)
    }
}
