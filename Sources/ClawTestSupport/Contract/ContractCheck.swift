import ClawClient
import Foundation

/// Holds real-HTTP answers to the document the daemon serves: fetched once per process (every
/// daemon a test run starts is the same build), then each answer checked against it.
public enum ContractCheck {
    private static let cache = Cache()

    /// Throws naming every way `reply` to `method path` breaks the daemon's `/openapi.json`.
    public static func verify(_ reply: ClawClient.Reply, method: String, path: String, via client: ClawClient) async throws {
        let document = try await cache.document(from: client)
        let problems = document.problems(method: method, path: path, status: reply.status,
                                         contentType: reply.header("Content-Type"), body: reply.body,
                                         header: { reply.header($0) != nil })
        if !problems.isEmpty {
            throw DaemonProcessError("the answer breaks /openapi.json:\n" + problems.joined(separator: "\n"))
        }
    }

    actor Cache {
        var loaded: ContractDocument?

        func document(from client: ClawClient) async throws -> ContractDocument {
            if let loaded { return loaded }
            let reply = try await client.request("GET", "/openapi.json", headers: [], json: nil, timeout: .seconds(30))
            guard reply.status == 200 else { throw DaemonProcessError("GET /openapi.json → \(reply.status)") }
            let document = try ContractDocument(reply.body)
            loaded = document
            return document
        }
    }
}
