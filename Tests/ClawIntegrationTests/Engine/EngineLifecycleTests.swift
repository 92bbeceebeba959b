import ClawCore
@testable import ClawDaemon
import ClawRuntime
import ClawStore
import ClawTestSupport
import Foundation
import Testing

@Suite("engine against real podman (and docker when its test dockerd runs)", .serialized)
struct EngineLifecycleTests {
    @Test("create → RUNNING with a real container answering HTTP; secrets only in a 0600 file; delete removes container and volume",
          arguments: EngineHarness.backends)
    func createServeDelete(backend: RuntimeTestBackend) async throws {
        try await EngineHarness.with(backend) { h, _ in
            let token = "tok-\(UUID().uuidString)"
            let created = try await h.create("bot-\(h.installID)", imConfig: ["telegramToken": token])
            let id = created.id
            let running = try await h.waitFor(id, "RUNNING") { $0.status == .running }
            let port = try #require(running.hostPort)

            let page = try await eventually("instance answers on \(port)", timeout: .seconds(30)) {
                await EngineHarness.get(port)
            }
            #expect(page.status == 200)
            #expect(page.body.contains(id), "the page does not name the instance: \(page.body)")
            try await h.waitFor(id, "healthy") { $0.healthStatus == .healthy }

            let info = try #require(try await h.container(id))
            #expect(info.labels[RuntimeNames.installLabel] == h.installID)
            #expect(info.labels[RuntimeNames.instanceLabel] == id)
            #expect(info.labels[RuntimeNames.generationLabel] == "1")
            #expect(info.ports.contains { $0.hostIP == "127.0.0.1" && $0.hostPort == port && $0.containerPort == 18789 })
            let inspect = try await h.podman(["container", "inspect", RuntimeNames.container(id)])
            #expect(!inspect.contains(token), "the IM token shows in podman inspect")
            #expect(inspect.contains("CLAW_SUBDOMAIN=bot-\(h.installID)"))
            let secretPath = "/home/node/.openclaw/secrets/im-config.json"
            let mode = try await h.podman(["exec", RuntimeNames.container(id), "stat", "-c", "%a", secretPath])
            #expect(mode.trimmingCharacters(in: .whitespacesAndNewlines) == "600")
            let content = try await h.podman(["exec", RuntimeNames.container(id), "cat", secretPath])
            #expect(content.contains(token))

            let ops = try await h.store.operations(instanceID: id)
            #expect(ops.map(\.status) == ["succeeded"], "\(ops)")

            _ = try await h.instances.request(.delete, instanceID: id, orgID: nil)
            try await eventually("container and volume removed", timeout: .seconds(60)) {
                let gone = try await h.container(id) == nil
                let volumeGone = try await !h.volumeExists(id)
                return gone && volumeGone ? true : nil
            }
            try await eventually("delete operation finished", timeout: .seconds(60)) {
                try await h.store.operations(instanceID: id).allSatisfy { $0.isFinished } ? true : nil
            }
            await #expect(try h.store.operations(instanceID: id).last?.status == "succeeded")
            await #expect(try h.instance(id).status == .deleted)
        }
    }

    @Test("a container killed behind clawd's back is restarted: health unhealthy, then healthy again",
          arguments: EngineHarness.backends)
    func killedContainerIsRestarted(backend: RuntimeTestBackend) async throws {
        try await EngineHarness.with(backend) { h, _ in
            let id = try await h.create("kill-\(h.installID)").id
            try await h.waitFor(id, "RUNNING and healthy") { $0.status == .running && $0.healthStatus == .healthy }
            let before = try #require(try await h.container(id))

            try await h.podman(["kill", RuntimeNames.container(id)])
            try await eventually("unhealthy recorded", timeout: .seconds(30)) {
                try await h.store.eventTypes(instanceID: id).contains(EventType.instanceUnhealthy) ? true : nil
            }
            try await h.waitFor(id, "healthy again") { $0.status == .running && $0.healthStatus == .healthy }
            let after = try #require(try await h.container(id))
            #expect(after.state == .running)
            #expect(after.id == before.id, "the same container is restarted, not recreated")
            let types = try await h.store.eventTypes(instanceID: id)
            let unhealthy = try #require(types.lastIndex(of: EventType.instanceUnhealthy))
            #expect(types[unhealthy...].contains(EventType.instanceHealthy), "\(types)")
        }
    }

    @Test("provisioning with a missing image: 3 attempts, FAILED, charge refunded, nothing left at the runtime")
    func missingImageFails() async throws {
        try await EngineHarness.with { h, _ in
            let id = try await h.create("noimg-\(h.installID)", image: "localhost/clawd-missing-\(h.installID):nope").id
            let failed = try await h.waitFor(id, "FAILED", timeout: .seconds(90)) { $0.status == .failed }
            #expect(failed.provisionAttempts == 3)
            #expect(failed.totalPaid == .zero)
            let ledger = try await h.store.ledger(orgID: h.orgID).filter { $0.instanceID == id }
            #expect(ledger.map(\.kind) == [.charge, .refund])
            #expect(ledger.first?.amount == ledger.last?.amount)
            try await eventually("runtime objects removed", timeout: .seconds(30)) {
                let labels = [RuntimeNames.installLabel: h.installID]
                let containers = try await h.runtime.listContainers(labels: labels)
                let volumes = try await h.runtime.listVolumes(labels: labels)
                return containers.isEmpty && volumes.isEmpty ? true : nil
            }
            let op = try await #require(try h.store.operations(instanceID: id).last)
            #expect(op.status == "failed")
            #expect(op.error?.contains("clawd-missing") == true, "\(op.error ?? "nil")")
            let types = try await h.store.eventTypes(instanceID: id)
            #expect(types.filter { $0 == EventType.instanceProvisioningRetry }.count == 2, "\(types)")
        }
    }

    @Test("rebuild keeps the volume and bumps the generation label; stop and start follow the intent")
    func rebuildStopStart() async throws {
        try await EngineHarness.with { h, _ in
            let id = try await h.create("rb-\(h.installID)").id
            try await h.waitFor(id, "RUNNING") { $0.status == .running }
            let name = RuntimeNames.container(id)
            try await h.podman(["exec", name, "sh", "-c", "echo kept > /home/node/.openclaw/marker"])

            _ = try await h.instances.request(.rebuild(), instanceID: id, orgID: nil)
            let rebuilt = try await eventually("generation 2 running", timeout: .seconds(60)) {
                let c = try await h.container(id)
                return c?.labels[RuntimeNames.generationLabel] == "2" && c?.state == .running ? c : nil
            }
            #expect(rebuilt.state == .running)
            let marker = try await h.podman(["exec", name, "cat", "/home/node/.openclaw/marker"])
            #expect(marker.contains("kept"))
            try await eventually("rebuild operation succeeded", timeout: .seconds(60)) {
                try await h.store.operations(instanceID: id).last?.status == "succeeded" ? true : nil
            }

            _ = try await h.instances.request(.stop, instanceID: id, orgID: nil)
            try await eventually("container stopped", timeout: .seconds(30)) {
                let state = try await h.container(id)?.state
                return state == .exited || state == .stopped ? true : nil
            }
            _ = try await h.instances.request(.start, instanceID: id, orgID: nil)
            try await eventually("container running again", timeout: .seconds(30)) {
                try await h.container(id)?.state == .running ? true : nil
            }
            try await h.waitFor(id, "healthy after start") { $0.healthStatus == .healthy }
            await #expect(try !h.store.eventTypes(instanceID: id).contains(EventType.instanceUnhealthy),
                    "a requested stop/start is not a death")
        }
    }
}
