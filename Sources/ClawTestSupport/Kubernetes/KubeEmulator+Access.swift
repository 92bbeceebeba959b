import AsyncHTTPClient
import NIOCore
import Foundation

/// A request as the emulator recorded it.
public struct KubeRecordedRequest: Decodable, Sendable, Equatable {
    public var method: String
    public var path: String
    public var query: [String: String]
    public var contentType: String
    /// The `Authorization` header as it came ("" when none).
    public var authorization: String
}

extension KubeEmulator {
    /// A kubeconfig whose current context points at the emulator: plain http, the token, the
    /// namespace.
    public var kubeconfig: String {
        """
        apiVersion: v1
        kind: Config
        current-context: emulator
        clusters:
        - name: emulator
          cluster:
            server: \(url)
        contexts:
        - name: emulator
          context:
            cluster: emulator
            user: clawd
            namespace: \(namespace)
        users:
        - name: clawd
          user:
            token: \(token)
        """
    }

    /// Writes `kubeconfig` to a fresh file; answers its path.
    public func writeKubeconfig() throws -> String {
        let path = try TestPaths.makeTempDir("kubeconfig") + "/config"
        try kubeconfig.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Every API request the emulator has served so far, oldest first.
    public func requests() async throws -> [KubeRecordedRequest] {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url + "/_emulator/requests"), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 16 << 20)
        return try JSONDecoder().decode([KubeRecordedRequest].self, from: Data(body.readableBytesView))
    }
}
