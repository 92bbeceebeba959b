import AsyncHTTPClient
@testable import ClawKubernetes
import ClawTestSupport
import Foundation
import Synchronization

/// A ConfigMap: the smallest namespaced kind, so the client is tested apart from clawd's objects.
struct ConfigMap: KubeObject, Equatable {
    static let resource = KubeResource(group: "", version: "v1", kind: "ConfigMap", plural: "configmaps")
    var metadata: ObjectMeta
    var data: [String: String]?

    init(_ name: String, labels: [String: String]? = nil, data: [String: String]? = nil) {
        metadata = ObjectMeta(name: name, labels: labels)
        self.data = data
    }
}

/// Backoff short enough that a refused or dropped watch comes back within a test.
let quickBackoff = WatchBackoff(initial: .milliseconds(20), maximum: .milliseconds(200))

extension KubeEmulator {
    /// A client for the emulator, configured from the kubeconfig file it hands out.
    func client() throws -> KubernetesClient {
        try KubernetesClient(config: try KubeConfig.load(path: try writeKubeconfig()), backoff: quickBackoff)
    }
}

extension KubeTestServer {
    func client(fieldManager: String = "clawd", namespace: String = "ns") throws -> KubernetesClient {
        try KubernetesClient(config: KubeConfig(server: url, token: BearerToken("test-token")), namespace: namespace,
                             fieldManager: fieldManager, backoff: quickBackoff)
    }

    /// Runs `body` with the server serving and a client for it.
    static func with(_ body: (KubeTestServer, KubernetesClient) async throws -> Void) async throws {
        let server = try KubeTestServer()
        let task = Task { try await server.run() }
        defer { task.cancel() }
        let client = try server.client()
        try await withCleanup({
            _ = try await eventually("test API server listening", timeout: .seconds(20)) {
                try? await client.list(ConfigMap.self, labelSelector: "")
            }
            try await body(server, client)
        }, cleanup: { try? await client.shutdown() })
    }
}

/// Consumes a watch in the background; `events` are short descriptions (`added:a`,
/// `relisted:a,b`) in the order they came.
final class WatchRecorder: Sendable {
    final class Seen: Sendable {
        let events = Mutex<[String]>([])
        let failure = Mutex<String?>(nil)
    }
    let seen = Seen()
    let task: Task<Void, Never>

    init(_ stream: AsyncThrowingStream<WatchEvent<ConfigMap>, any Error>) {
        let seen = self.seen
        task = Task {
            do {
                for try await event in stream { seen.events.withLock { $0.append(Self.describe(event)) } }
            } catch {
                seen.failure.withLock { $0 = String(describing: error) }
            }
        }
    }

    deinit { task.cancel() }

    var events: [String] { seen.events.withLock { $0 } }
    var failure: String? { seen.failure.withLock { $0 } }

    /// Waits until `count` events came; answers them all.
    @discardableResult
    func wait(for count: Int, timeout: Duration = .seconds(20)) async throws -> [String] {
        try await eventually("\(count) watch events (have \(events), failure \(failure ?? "none"))", timeout: timeout) {
            let now = self.events
            return now.count >= count ? now : nil
        }
    }

    static func describe(_ event: WatchEvent<ConfigMap>) -> String {
        switch event {
        case .added(let o): "added:\(o.metadata.name ?? "")"
        case .modified(let o): "modified:\(o.metadata.name ?? "")=\(o.data?["k"] ?? "")"
        case .deleted(let o): "deleted:\(o.metadata.name ?? "")"
        case .relisted(let items): "relisted:" + items.compactMap(\.metadata.name).sorted().joined(separator: ",")
        }
    }
}
