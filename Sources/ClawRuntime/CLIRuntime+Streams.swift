import ClawCore
import Foundation

extension CLIRuntime {
    /// stdout and stderr of the container, interleaved as the engine prints them.
    public func logs(_ nameOrID: String, tail: Int?) async throws -> String {
        try RuntimeValidation.name(nameOrID)
        if let tail { try RuntimeValidation.nonNegative(tail, param: "tail") }
        let result = try await run(arguments.logs(nameOrID, tail: tail, follow: false), mergeStandardError: true)
        guard result.succeeded else {
            if Self.isNotFound(result.stdout) {
                throw ClawError(.notFound, "\(backend) logs failed: container \(nameOrID) not found: \(result.diagnosticTail())")
            }
            throw failure("logs", result)
        }
        return result.stdout
    }

    public func followLogs(_ nameOrID: String, tail: Int?) -> AsyncThrowingStream<String, any Error> {
        do {
            try RuntimeValidation.name(nameOrID)
            if let tail { try RuntimeValidation.nonNegative(tail, param: "tail") }
        } catch {
            return AsyncThrowingStream { $0.finish(throwing: error) }
        }
        return runner.streamLines(binaryPath, arguments.logs(nameOrID, tail: tail, follow: true),
                                  environment: environment, mergeStandardError: true)
    }

    public func events(labels: [String: String], since: Timestamp?) -> AsyncThrowingStream<RuntimeEvent, any Error> {
        do {
            try CLIArguments.validateLabels(labels)
        } catch {
            return AsyncThrowingStream { $0.finish(throwing: error) }
        }
        let lines = runner.streamLines(binaryPath, arguments.events(labels: labels, since: since), environment: environment)
        let backend = backend
        return AsyncThrowingStream { continuation in
            // Not a stray task: it ends with the consumer (onTermination) or with the line stream.
            let task = Task {
                do {
                    for try await line in lines {
                        let event = backend == .podman ? PodmanJSON.event(line) : DockerJSON.event(line)
                        guard let event, labels.allSatisfy({ event.labels[$0.key] == $0.value }) else { continue }
                        continuation.yield(event)
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
