import ClawCore
@testable import ClawDaemon
import ClawKubernetes
import ClawStore
import ClawTestSupport
import Foundation
import Testing

/// The engine's lifecycle on the Kubernetes backend, against kmock's emulator: what this proves
/// is the engine's side (the objects it applies and deletes, the state it reads back, events
/// and resync over real HTTP list/watch/apply/delete calls). The pods are `KubeletStandIn`'s;
/// no container runs, and the garbage collector is not there (removal deletes owned objects by
/// name as well, so the outcome does not depend on it).
@Suite("engine on kubernetes (kmock emulator)", .serialized)
struct KubeEngineLifecycleTests {
    @Test("create → running → stop → start → rebuild keeps the claim → expiry → renew → retention removes every object")
    func lifecycle() async throws {
        try await KubeEngineHarness.with { h in
            let token = "tok-\(UUID().uuidString)"
            let id = try await h.create("kube-\(h.installID)", imConfig: #"{"telegramToken":"\#(token)"}"#).id
            try await h.waitFor(id, "RUNNING and healthy") { $0.status == .running && $0.healthStatus == .healthy }

            let deployment = try #require(try await h.deployment(id))
            let uid = try #require(deployment.metadata.uid)
            #expect(deployment.spec?.replicas == 1)
            #expect(deployment.spec?.template.metadata.labels?[RuntimeNames.generationLabel] == "1")
            #expect(deployment.metadata.labels?[RuntimeNames.installLabel] == h.installID)
            let encoded = String(decoding: try JSONEncoder().encode(deployment), as: UTF8.self)
            #expect(!encoded.contains(token), "the IM token shows in the Deployment")
            let secret = try #require(try await h.secret(id))
            let file = try #require(secret.data?[InstanceObjectNames.secretsFile])
            #expect(String(decoding: file, as: UTF8.self).contains(token))
            #expect(secret.metadata.ownerReferences?.map(\.uid) == [uid], "the Secret is owned by the Deployment")
            #expect(try await h.service(id)?.metadata.ownerReferences?.map(\.uid) == [uid])
            let claim = try #require(try await h.claim(id))
            let claimUID = try #require(claim.metadata.uid)
            #expect(claim.metadata.ownerReferences == nil, "the claim outlives the workload")
            #expect(claim.spec?.resources?.requests?["storage"] == "5Gi")
            #expect(try await h.store.operations(instanceID: id).map(\.status) == ["succeeded"])

            _ = try await h.instances.request(.stop, instanceID: id, orgID: nil)
            try await h.waitFor(id, "STOPPED") { $0.status == .stopped }
            try await h.settled(id)
            #expect(try await h.deployment(id)?.spec?.replicas == 0)
            try await eventually("the pod is gone") { try await h.pods(id).isEmpty ? true : nil }

            _ = try await h.instances.request(.start, instanceID: id, orgID: nil)
            try await h.waitFor(id, "RUNNING again") { $0.status == .running }
            try await h.settled(id)
            #expect(try await h.deployment(id)?.spec?.replicas == 1)

            _ = try await h.instances.request(.rebuild(), instanceID: id, orgID: nil)
            try await h.waitFor(id, "rebuilt to generation 2") { $0.status == .running && $0.generation == 2 }
            try await h.settled(id)
            let rebuilt = try #require(try await h.deployment(id))
            #expect(rebuilt.spec?.template.metadata.labels?[RuntimeNames.generationLabel] == "2")
            #expect(rebuilt.spec?.template.metadata.annotations?[InstanceManifests.generationAnnotation] == "2")
            #expect(try await h.claim(id)?.metadata.uid == claimUID, "a rebuild keeps the claim")
            try await eventually("one pod, of generation 2") {
                let pods = try await h.pods(id)
                return pods.count == 1 && pods[0].metadata.labels?[RuntimeNames.generationLabel] == "2" ? true : nil
            }

            let paid = try #require(try await h.store.instance(id: id, orgID: nil)).paidUntil
            _ = try await h.instances.report(.expire, instanceID: id, now: paid.adding(seconds: 1))
            try await h.waitFor(id, "EXPIRED") { $0.status == .stopped && $0.stopReason == .expired }
            try await eventually("expiry scales to 0") { try await h.deployment(id)?.spec?.replicas == 0 ? true : nil }
            #expect(try await h.claim(id)?.metadata.uid == claimUID, "expiry keeps the claim")

            _ = try await h.instances.request(.renew(), instanceID: id, orgID: nil)
            try await h.waitFor(id, "RUNNING after renew") { $0.status == .running }
            try await h.settled(id)
            #expect(try await h.deployment(id)?.spec?.replicas == 1)

            let renewed = try #require(try await h.store.instance(id: id, orgID: nil)).paidUntil
            _ = try await h.instances.report(.expire, instanceID: id, now: renewed.adding(seconds: 1))
            try await h.waitFor(id, "EXPIRED again") { $0.status == .stopped && $0.stopReason == .expired }
            _ = try await h.instances.report(.retention, instanceID: id, now: renewed.adding(seconds: 400 * 86_400))
            try await h.waitFor(id, "DELETED") { $0.status == .deleted }
            try await eventually("every object of the instance is gone") {
                let left = [try await h.deployment(id) != nil, try await h.secret(id) != nil,
                            try await h.service(id) != nil, try await h.claim(id) != nil]
                return left.contains(true) ? nil : true
            }
            try await eventually("operations closed") {
                try await h.store.operations(instanceID: id).allSatisfy(\.isFinished) ? true : nil
            }
        }
    }

    @Test("a worker killed after creating the objects: a restarted engine adopts them, no duplicates, one charge")
    func crashAfterContainerCreated() async throws {
        try await KubeEngineHarness.with(autostart: false) { h in
            let created = try await h.create("crash-\(h.installID)")
            let id = created.id
            // What a worker killed at `after-container-created` leaves: claim, Secret, Deployment of 0.
            var spec = InstanceContainerSpec.make(created, config: try #require(h.options.engine?.config))
            spec.labels[RuntimeNames.generationLabel] = "1"
            try await h.runtime.createVolume(name: RuntimeNames.volume(id), labels: spec.labels, for: created)
            try await h.runtime.deliverSecrets(nil, for: created)
            _ = try await h.runtime.createContainer(spec, for: created)
            let before = try #require(try await h.deployment(id)?.metadata.uid)

            try await h.running(h.makeCore()) {
                try await h.waitFor(id, "RUNNING after the restart") { $0.status == .running }
            }
            #expect(try await h.deployment(id)?.metadata.uid == before, "the Deployment was adopted, not recreated")
            #expect(try await h.all(Deployment.self).count == 1)
            #expect(try await h.all(PersistentVolumeClaim.self).count == 1)
            #expect(try await h.all(Secret.self).count == 1)
            #expect(try await h.all(Service.self).count == 1)
            let charges = try await h.store.ledger(orgID: h.orgID).filter { $0.instanceID == id && $0.kind == .charge }
            #expect(charges.count == 1, "\(charges)")
        }
    }

    @Test("killed mid-rebuild (old workload removed, new not created): the restart creates it on the same claim")
    func crashMidRebuild() async throws {
        try await KubeEngineHarness.with(autostart: false) { h in
            let id = try await h.create("rebuild-\(h.installID)").id
            try await h.running(h.core) {
                try await h.waitFor(id, "RUNNING") { $0.status == .running }
            }
            let claimUID = try #require(try await h.claim(id)?.metadata.uid)
            _ = try await h.instances.request(.rebuild(), instanceID: id, orgID: nil)
            try await h.runtime.removeContainer(RuntimeNames.container(id), force: true)
            #expect(try await h.deployment(id) == nil)

            try await h.running(h.makeCore()) {
                try await h.waitFor(id, "RUNNING at generation 2") { $0.status == .running && $0.generation == 2 }
                try await eventually("rebuild operation closed") {
                    try await h.store.operations(instanceID: id).allSatisfy(\.isFinished) ? true : nil
                }
            }
            #expect(try await h.claim(id)?.metadata.uid == claimUID)
            #expect(try await h.deployment(id)?.spec?.template.metadata.labels?[RuntimeNames.generationLabel] == "2")
            #expect(try await h.all(Deployment.self).count == 1)
        }
    }
}
