import ClawCore
@testable import ClawDaemon
import ClawServices
import ClawStore
import ClawTestSupport
import Foundation
import GRDB
import Synchronization
import Testing

/// The engine in-process against a `FakeRuntime`, for failure paths a real engine cannot be made
/// to take on cue: a temp-dir database, an org with credit, the engine running while `body` runs.
/// The resync interval is 10 minutes, so nothing in a test converges through it.
struct FakeEngineHarness {
    let dir: String
    let store: Store
    let instances: InstanceService
    let runtime: FakeRuntime
    let engine: Engine
    let orgID: String
    static let credit = Cents(100_000)

    /// `prepare` runs before the engine starts (rows its first pass finds, injected faults).
    static func with(_ runtime: FakeRuntime = FakeRuntime(),
                     prepare: (FakeEngineHarness) async throws -> Void = { _ in },
                     _ body: (FakeEngineHarness) async throws -> Void) async throws {
        let dir = try TestPaths.makeTempDir("fe")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try Store(path: dir + "/clawd.sqlite")
        let core = DaemonCore(store: store, options: DaemonCore.Options(
            instances: InstanceServiceConfig(policy: .default, image: "localhost/fake:1", portRange: 51_000...51_100),
            backupDirectory: dir + "/backups",
            engine: DaemonCore.EngineOptions(runtime: runtime, config: EngineConfig(
                installID: "fake" + String(UUID().uuidString.prefix(6)).lowercased(), stateDir: "/data", instancePort: 8080,
                stopTimeoutSeconds: 1, resync: .seconds(600), orphanGraceSeconds: 300), backups: nil)))
        let instances = core.instances, engine = try #require(core.engine)
        let org = try await store.createOrg(name: "fake-engine", email: nil)
        _ = try await store.credit(orgID: org.id, amount: credit, description: "test credit")
        let h = FakeEngineHarness(dir: dir, store: store, instances: instances, runtime: runtime, engine: engine,
                                  orgID: org.id)
        try await prepare(h)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for service in core.services { group.addTask { try await service.run() } }
            defer { group.cancelAll() }
            try await body(h)
        }
    }

    func create(_ subdomain: String) async throws -> Instance {
        try await instances.create(orgID: orgID, subdomain: subdomain, defaultModel: nil, tier: .budget, imConfig: nil).0
    }

    @discardableResult
    func waitFor(_ id: String, _ what: String, timeout: Duration = .seconds(60),
                 _ condition: @escaping @Sendable (Instance) -> Bool) async throws -> Instance {
        try await eventually("\(id): \(what)", timeout: timeout) {
            guard let i = try await store.instance(id: id, orgID: nil) else { return nil }
            return condition(i) ? i : nil
        }
    }

    func ledger(_ instanceID: String) async throws -> [LedgerEntry] {
        try await store.ledger(orgID: orgID).filter { $0.instanceID == instanceID }
    }

    var balance: Cents {
        get async throws { try await #require(try store.org(id: orgID)).balance }
    }
}

/// Makes the next `count` writes that set `table.column` to `value` fail inside SQLite, as a full
/// disk or a locked file would: a TEMP trigger on the writer connection RAISEs while a counting
/// function says so. Every attempt is counted, failed or not.
final class FailingWrites: Sendable {
    private let state = Mutex((failuresLeft: 0, attempts: 0))

    var attempts: Int { state.withLock { $0.attempts } }

    init(on store: Store, table: String, column: String = "status", value: String, count: Int) throws {
        state.withLock { $0.failuresLeft = count }
        let name = "clawd_test_fail_\(table)_\(column)"
        let function = DatabaseFunction(name, argumentCount: 0, pure: false) { [self] _ in
            self.state.withLock { s -> Int in
                s.attempts += 1
                guard s.failuresLeft > 0 else { return 0 }
                s.failuresLeft -= 1
                return 1
            }
        }
        try store.pool.write { db in
            db.add(function: function)
            try db.execute(sql: """
                CREATE TEMP TRIGGER \(name) BEFORE UPDATE OF \(column) ON \(table)
                WHEN NEW.\(column) = '\(value)' AND \(name)()
                BEGIN SELECT RAISE(ABORT, 'injected write failure'); END
                """)
        }
    }
}
