import ClawCore
@testable import ClawStore
import ClawTestSupport
import Dispatch
import Foundation
import GRDB
import Testing

@Suite("SQLite store: async access")
struct StoreAsyncAccessTests {
    func makeStore() throws -> Store {
        try Store(path: TestPaths.makeTempDir("db") + "/clawd.sqlite")
    }

    @Test("tasks waiting for the writer hold no thread of the cooperative pool")
    func waitingWritesLeaveThePoolFree() async throws {
        let store = try makeStore()
        let gate = DispatchSemaphore(value: 0)
        let (started, holding) = AsyncStream.makeStream(of: Void.self)
        // Far more waiting writers than the pool has threads: blocking calls would take them all.
        let waiting = ProcessInfo.processInfo.activeProcessorCount * 8
        let results = try await withThrowingTaskGroup(of: Bool.self, returning: [Bool].self) { group in
            group.addTask {
                try await store.write { _ in
                    holding.yield()
                    holding.finish()
                    return gate.wait(timeout: .now() + 10) == .success
                }
            }
            for _ in 0..<waiting {
                group.addTask { try await store.write { _ in true } }
            }
            // Plain async work opens the gate once the writer holds it; it needs a free thread.
            group.addTask {
                for await _ in started {}
                gate.signal()
                return true
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == waiting + 2)
        #expect(results.allSatisfy { $0 }, "the writer's gate opened only after its timeout")
    }

    @Test("a cancelled task's write still commits whole, and its reads still answer")
    func cancellationDoesNotAbortAccess() async throws {
        let store = try makeStore()
        let task = Task {
            while !Task.isCancelled { await Task.yield() }
            try await store.write { db in
                try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('first', '1')")
                try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('second', '2')")
            }
            return try await store.meta("second")
        }
        task.cancel()
        #expect(try await task.value == "2")
        #expect(try await store.meta("first") == "1")
    }

    @Test("errors: a ClawError thrown in the body passes unchanged and rolls back; SQLite errors become storage")
    func errors() async throws {
        let store = try makeStore()
        let refused = await #expect(throws: ClawError.self) {
            try await store.write { db in
                try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('partial', 'x')")
                throw ClawError(.conflict, "refused", param: "name")
            }
        }
        #expect(refused?.code == .conflict && refused?.param == "name")
        #expect(try await store.meta("partial") == nil)
        let broken = await #expect(throws: ClawError.self) {
            try await store.read { db in try db.execute(sql: "SELECT * FROM no_such_table") }
        }
        #expect(broken?.code == .storage)
        #expect(broken?.message.hasPrefix("database read failed") == true)
    }
}
