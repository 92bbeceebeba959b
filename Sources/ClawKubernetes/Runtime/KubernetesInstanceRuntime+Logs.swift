import ClawCore
import Foundation

/// Logs of the instance's current pod (its `instance` container).
extension KubernetesInstanceRuntime {
    public func logs(_ nameOrID: String, tail: Int?) async throws -> String {
        guard let pod = try await currentPod(nameOrID) else { return "" }
        return try await api.logs(pod: pod, container: InstanceObjectNames.container, tailLines: tail)
    }

    /// The tail, then every new line as it comes: the log is read again every second and what
    /// follows the last line seen is handed on. Ends when the pod is gone.
    public func followLogs(_ nameOrID: String, tail: Int?) -> AsyncThrowingStream<String, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    var seen: [Substring] = []
                    var first = true
                    while !Task.isCancelled {
                        guard let pod = try await currentPod(nameOrID) else { break }
                        let text = try await api.logs(pod: pod, container: InstanceObjectNames.container,
                                                      tailLines: first ? tail : 1000)
                        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0)
                        for line in Self.newLines(Array(lines), after: seen) { continuation.yield(String(line)) }
                        seen = Array(lines)
                        first = false
                        try await Task.sleep(for: .seconds(1))
                    }
                    continuation.finish()
                } catch is CancellationError {
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// The lines of `lines` after the last line of `seen` (all of them when it is not there: the
    /// log moved on by more than a read, or the pod is a new one).
    static func newLines(_ lines: [Substring], after seen: [Substring]) -> ArraySlice<Substring> {
        guard let last = seen.last, let index = lines.lastIndex(of: last) else { return lines[...] }
        return lines[(index + 1)...]
    }

    func currentPod(_ nameOrID: String) async throws -> String? {
        guard let deployment = try await api.get(Deployment.self, name: nameOrID) else { return nil }
        let pods = try await pods(of: deployment)
        return (KubeContainerState.current(pods, generation: Self.generation(deployment)) ?? pods.first)?.metadata.name
    }
}
