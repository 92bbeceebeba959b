import ClawCore
@testable import ClawDaemon
import ClawStore
import ClawTestSupport
import Foundation
import Testing

/// The engine's failure paths against a `FakeRuntime` that fails on cue: provisioning that
/// never succeeds, a start that fails once, a remove that fails for a while or for good.
@Suite("engine failure paths (in-memory runtime)")
struct EngineFailureTests {
    @Test("create fails every time: three attempts, then FAILED, refunded exactly once, nothing left")
    func createFailsForGood() async throws {
        let runtime = FakeRuntime()
        runtime.fail(.createContainer, times: nil)
        try await FakeEngineHarness.with(runtime) { h in
            let id = try await h.create("never").id
            let failed = try await h.waitFor(id, "FAILED") { $0.status == .failed }
            #expect(failed.provisionAttempts == 3)
            #expect(failed.totalPaid == .zero)
            #expect(runtime.calls(.createContainer) == 3)
            try await eventually("teardown done", timeout: .seconds(60)) {
                let ops = try await h.store.operations(instanceID: id)
                return runtime.volumeNames.isEmpty && ops.allSatisfy(\.isFinished) ? true : nil
            }
            await #expect(try h.ledger(id).map(\.kind) == [.charge, .refund])
            await #expect(try h.balance == FakeEngineHarness.credit)
            await #expect(try h.store.operations(instanceID: id).last?.status == "failed")
            #expect(runtime.containerNames.isEmpty)
        }
    }

    @Test("start fails once: the next provisioning attempt runs the instance, charged once, no refund")
    func startFailsOnce() async throws {
        let runtime = FakeRuntime()
        runtime.fail(.startContainer, times: 1)
        try await FakeEngineHarness.with(runtime) { h in
            let id = try await h.create("second-try").id
            let running = try await h.waitFor(id, "RUNNING") { $0.status == .running }
            #expect(running.provisionAttempts == 1)
            #expect(runtime.calls(.startContainer) == 2)
            #expect(runtime.calls(.createContainer) == 1, "the created container is started, not created again")
            #expect(runtime.container(RuntimeNames.container(id))?.state == .running)
            await #expect(try h.ledger(id).map(\.kind) == [.charge])
            try await eventually("create operation closed", timeout: .seconds(60)) {
                try await h.store.operations(instanceID: id).last?.status == "succeeded" ? true : nil
            }
            let types = try await h.store.eventTypes(instanceID: id)
            #expect(types.filter { $0 == EventType.instanceProvisioningRetry }.count == 1, "\(types)")
        }
    }

    @Test("remove fails twice during a delete: retried with backoff, then deleted; the operation succeeds")
    func removeFailsTwice() async throws {
        let runtime = FakeRuntime()
        try await FakeEngineHarness.with(runtime) { h in
            let id = try await h.create("remove-twice").id
            try await h.waitFor(id, "RUNNING") { $0.status == .running }
            runtime.fail(.removeContainer, name: RuntimeNames.container(id), times: 2)
            _ = try await h.instances.request(.delete, instanceID: id, orgID: nil)
            try await eventually("container and volume removed", timeout: .seconds(60)) {
                runtime.containerNames.isEmpty && runtime.volumeNames.isEmpty ? true : nil
            }
            #expect(runtime.calls(.removeContainer, name: RuntimeNames.container(id)) == 3)
            try await eventually("delete operation closed", timeout: .seconds(60)) {
                try await h.store.operations(instanceID: id).allSatisfy(\.isFinished) ? true : nil
            }
            await #expect(try h.store.operations(instanceID: id).last?.status == "succeeded")
            await #expect(try h.store.instance(id: id, orgID: nil)?.status == .deleted)
        }
    }

    @Test("remove fails every time: the third failure closes the delete operation as failed, and the worker keeps trying")
    func removeFailsForGood() async throws {
        let runtime = FakeRuntime()
        try await FakeEngineHarness.with(runtime) { h in
            let id = try await h.create("remove-never").id
            try await h.waitFor(id, "RUNNING") { $0.status == .running }
            runtime.fail(.removeContainer, name: RuntimeNames.container(id), times: nil,
                         with: ClawError(.runtime, "podman rm failed: device busy"))
            _ = try await h.instances.request(.delete, instanceID: id, orgID: nil)
            try await eventually("delete operation closed", timeout: .seconds(60)) {
                try await h.store.operations(instanceID: id).allSatisfy(\.isFinished) ? true : nil
            }
            let op = try await #require(try h.store.operations(instanceID: id).last)
            #expect(op.kind == "delete" && op.status == "failed")
            #expect(op.error?.contains("device busy") == true, "\(op.error ?? "nil")")
            #expect(runtime.calls(.removeContainer, name: RuntimeNames.container(id)) == 3)
            runtime.clearFaults()
            try await eventually("removed once the runtime recovers", timeout: .seconds(60)) {
                runtime.containerNames.isEmpty && runtime.volumeNames.isEmpty ? true : nil
            }
        }
    }
}
