@testable import ClawAPI
import ClawCore
import ClawServices
import ClawStore
import ClawTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

/// A real store in a temp-dir SQLite file, a real InstanceService and ChangeFeed, and the routers
/// of both listeners. No runtime: the API only writes intent; tests play the worker through
/// `InstanceService.report` where a state must move on.
struct Harness: Sendable {
    let store: Store
    let service: InstanceService
    let feed: ChangeFeed
    var env: APIEnvironment

    static let image = "localhost/clawd-demo:latest"

    init(policy: LifecyclePolicy = .default, heartbeat: Duration = .seconds(15),
         reconcile: @escaping @Sendable () async throws -> [String: Int] = { [:] }) throws {
        store = try Store(path: TestPaths.makeTempDir("api") + "/clawd.sqlite")
        let feed = ChangeFeed()
        self.feed = feed
        service = InstanceService(store: store, config: .init(policy: policy, image: Self.image, portRange: 41000...41999),
                                  subscribers: [feed])
        env = APIEnvironment(store: store, registry: PrometheusCollectorRegistry(), version: "test", maxBodyBytes: 64 * 1024,
                             instances: service, feed: feed, urlTemplate: "http://127.0.0.1:{hostPort}",
                             health: { HealthReport(checks: [:]) },
                             status: { AdminStatus(version: "test", uptimeSeconds: 0, runtime: [:], database: [:],
                                                   instancesByStatus: [:], timersArmed: 0) },
                             reconcile: reconcile)
        env.eventHeartbeat = heartbeat
    }

    /// Polls until `count` listeners follow the change feed (a waiting request has subscribed).
    func awaitListeners(_ count: Int, timeout: Duration = .seconds(30)) async throws {
        let deadline = ContinuousClock.now + timeout
        while feed.listenerCount < count {
            guard ContinuousClock.now < deadline else {
                throw ClawError(.timeout, "\(feed.listenerCount) of \(count) feed listeners after \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// A new org with `balanceCents` and an API key for it.
    func org(_ name: String = "org-\(UUID().uuidString.prefix(8))", balanceCents: Int64 = 10_000) async throws -> TestOrg {
        let org = try await store.createOrg(name: name, email: nil)
        if balanceCents > 0 { _ = try await store.credit(orgID: org.id, amount: Cents(balanceCents), description: "test") }
        let key = try await store.createKey(orgID: org.id, name: "t")
        return TestOrg(id: org.id, key: key.secret)
    }

    func balance(_ org: TestOrg) async throws -> Int64 { try await store.org(id: org.id)!.balance.value }
    func charges(_ org: TestOrg) async throws -> [LedgerEntry] { try await store.ledger(orgID: org.id).filter { $0.kind == .charge } }
    func instances(_ org: TestOrg) async throws -> [Instance] { try await store.listInstances(orgID: org.id) }

    /// Plays the worker: the instance's container is up.
    func markRunning(_ id: String) async throws {
        try await service.report(.provisioningStarted, instanceID: id)
        try await service.report(.provisioned, instanceID: id, finish: (true, nil))
    }

    func router(_ listener: Listener) -> Router<APIContext> {
        RouterBuilding.router(env: env, listener: listener)
    }

    /// Runs `body` against the router of `listener` (no sockets).
    func test(_ listener: Listener = .tcp, _ body: @escaping @Sendable (API) async throws -> Void) async throws {
        let app = Application(router: router(listener))
        try await app.test(.router) { client in try await body(API(client: client)) }
    }
}

struct TestOrg: Sendable {
    var id: String
    var key: String
}

/// A decoded answer.
struct Reply: @unchecked Sendable {
    var status: Int
    var headers: HTTPFields
    var text: String
    var json: [String: Any]

    subscript(_ key: String) -> Any? { json[key] }
    var error: [String: Any] { json["error"] as? [String: Any] ?? [:] }
    var errorType: String? { error["type"] as? String }
    func header(_ name: String) -> String? { headers[HTTPFields.Element.Name(name)!] }
}

/// Requests as a client sends them: an API key (TCP) or an org header (socket), JSON bodies.
struct API: Sendable {
    let client: any TestClientProtocol

    /// Every answer is checked against the document `GET /openapi.json` serves.
    static let contract = Result { try ContractDocument(try OpenAPI.build()) }

    @discardableResult
    func call(_ method: HTTPRequest.Method, _ path: String, as org: TestOrg? = nil, socketOrg: String? = nil,
              json: String? = nil, headers extra: [String: String] = [:]) async throws -> Reply {
        var headers = HTTPFields()
        if let org { headers[.authorization] = "Bearer \(org.key)" }
        if let socketOrg { headers[HTTPFields.Element.Name("X-Clawd-Org")!] = socketOrg }
        if json != nil { headers[.contentType] = "application/json" }
        for (k, v) in extra { headers[HTTPFields.Element.Name(k)!] = v }
        return try await client.execute(uri: path, method: method, headers: headers,
                                        body: json.map { ByteBuffer(string: $0) }) { response in
            let text = String(buffer: response.body)
            let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
            var problems: [String] = switch Self.contract {
            case .success(let contract):
                contract.problems(method: method.rawValue, path: path, status: Int(response.status.code),
                                  contentType: response.headers[.contentType], body: Data(text.utf8),
                                  header: { name in HTTPFields.Element.Name(name).map { response.headers[$0] != nil } ?? false })
            case .failure(let error): ["/openapi.json cannot be built: \(error)"]
            }
            // The web console's pages are HTML for browsers, outside the API's document.
            if path.hasPrefix("/console/") { problems = [] }
            if !problems.isEmpty {
                Issue.record(Comment(rawValue: "the answer breaks /openapi.json:\n" + problems.joined(separator: "\n")))
            }
            return Reply(status: Int(response.status.code), headers: response.headers, text: text, json: object)
        }
    }

    /// Creates an instance and returns the 201 answer.
    func create(_ org: TestOrg, _ subdomain: String, extra: String = "") async throws -> Reply {
        try await call(.post, "/v1/claw/instances", as: org, json: "{\"subdomain\":\"\(subdomain)\"\(extra)}")
    }
}
