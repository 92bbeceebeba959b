import ClawCore
@testable import ClawDaemon
import ClawStore
import ClawTestSupport
import Foundation
import GRDB
import Testing

/// A status or money write of a worker that fails in SQLite is logged, kept and tried again
/// with a short backoff: it commits soon, exactly once, without the reconciler's resync.
@Suite("engine write retries (in-memory runtime, failing SQLite writes)")
struct EngineWriteRetryTests {
    @Test("the FAILED + refund write fails twice: it commits on retry long before the resync, refunded exactly once")
    func refundRetried() async throws {
        let runtime = FakeRuntime()
        runtime.fail(.createContainer, times: 1)
        var failing: FailingWrites?
        var id = ""
        try await FakeEngineHarness.with(runtime, prepare: { h in
            // The last provisioning attempt: its failure is final.
            id = try await h.create("refund-retry").id
            let id = id
            try await h.store.write { db in
                try db.execute(sql: "UPDATE instances SET provision_attempts = ? WHERE id = ?",
                               arguments: [Backoff.provisioningAttempts - 1, id])
            }
            failing = try FailingWrites(on: h.store, table: "instances", value: InstanceStatus.failed.rawValue, count: 2)
        }) { h in
            let id = id
            // The resync is 10 minutes away: only the write's own retry can get it there in time.
            let failed = try await h.waitFor(id, "FAILED", timeout: .seconds(60)) { $0.status == .failed }
            #expect(try #require(failing).attempts >= 3, "two failed attempts, then the one that committed")
            #expect(failed.totalPaid == .zero)
            try await eventually("teardown done", timeout: .seconds(60)) {
                let ops = try await h.store.operations(instanceID: id)
                return runtime.volumeNames.isEmpty && ops.allSatisfy(\.isFinished) ? true : nil
            }
            await #expect(try h.ledger(id).map(\.kind) == [.charge, .refund])
            await #expect(try h.balance == FakeEngineHarness.credit)
            let types = try await h.store.eventTypes(instanceID: id)
            #expect(types.filter { $0 == EventType.instanceFailed }.count == 1, "\(types)")
            await #expect(try h.store.operations(instanceID: id).last?.status == "failed")
            #expect(h.engine.pendingWrites.count(instanceID: id) == 0)
        }
    }

    @Test("closing the create operation fails twice: it closes on retry within seconds")
    func operationCloseRetried() async throws {
        var failing: FailingWrites?
        try await FakeEngineHarness.with(prepare: { h in
            failing = try FailingWrites(on: h.store, table: "operations", value: "succeeded", count: 2)
        }) { h in
            let id = try await h.create("close-retry").id
            try await h.waitFor(id, "RUNNING") { $0.status == .running }
            try await eventually("create operation closed", timeout: .seconds(60)) {
                try await h.store.operations(instanceID: id).last?.status == "succeeded" ? true : nil
            }
            #expect(try #require(failing).attempts >= 3)
            await #expect(try h.store.operations(instanceID: id).count == 1)
            #expect(h.engine.pendingWrites.count(instanceID: id) == 0)
        }
    }

    @Test("recording a container's death fails twice: the death is recorded once on retry, and the container restarted")
    func deathRetried() async throws {
        let runtime = FakeRuntime()
        try await FakeEngineHarness.with(runtime) { h in
            let id = try await h.create("death-retry").id
            try await h.waitFor(id, "RUNNING") { $0.status == .running }
            let failing = try FailingWrites(on: h.store, table: "instances", column: "health_status",
                                            value: HealthStatus.unhealthy.rawValue, count: 2)
            try await eventually("engine follows events", timeout: .seconds(60)) { runtime.eventSubscribers > 0 ? true : nil }
            runtime.crash(RuntimeNames.container(id))
            try await h.waitFor(id, "unhealthy", timeout: .seconds(60)) { $0.healthStatus == .unhealthy }
            #expect(failing.attempts >= 3)
            try await eventually("container restarted", timeout: .seconds(60)) {
                runtime.container(RuntimeNames.container(id))?.state == .running ? true : nil
            }
            let types = try await h.store.eventTypes(instanceID: id)
            #expect(types.filter { $0 == EventType.instanceUnhealthy }.count == 1, "\(types)")
            #expect(h.engine.pendingWrites.count(instanceID: id) == 0)
        }
    }
}
