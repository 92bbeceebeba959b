import ClawCore
import ClawRuntime
import ClawTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension Tag {
    /// Tests that drive a real podman or dockerd.
    @Tag static var realRuntime: Self
}

enum IntegrationHelpers {
    static let image = RuntimeTestBackend.imageTag

    /// A container running `script` with /bin/sh instead of the image's entrypoint.
    static func shell(_ name: String, _ script: String, labels: [String: String] = [:],
                      volumes: [VolumeMount] = []) -> ContainerSpec {
        ContainerSpec(name: name, image: image, labels: labels, volumes: volumes, command: ["-c", script],
                      entrypoint: "/bin/sh")
    }

    /// Runs `body`, failing with `what` if it has not finished within `timeout`.
    static func withDeadline<T: Sendable>(
        _ timeout: Duration, _ what: String, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let value = try await group.next() ?? nil else {
                throw ClawError(.timeout, "\(what) did not happen within \(timeout)")
            }
            return value
        }
    }

    /// GET over loopback only; nil when the connection fails (not ready yet).
    static func get(_ port: Int, _ path: String) async -> (status: Int, body: String)? {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { return nil }
        var request = URLRequest(url: url)
        request.timeoutInterval = 2
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        guard let (data, response) = try? await session.data(for: request),
              let http = response as? HTTPURLResponse
        else { return nil }
        return (http.statusCode, String(decoding: data, as: UTF8.self))
    }
}

/// Collects events from a runtime stream for later polling.
actor EventLog {
    private(set) var events: [RuntimeEvent] = []
    func append(_ event: RuntimeEvent) { events.append(event) }
    func matching(_ name: String) -> [RuntimeEvent] { events.filter { $0.containerName == name } }
}
