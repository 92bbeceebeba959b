import ClawCore
import Foundation

/// The volume: a PersistentVolumeClaim `clawd-<id>-data` of the tier's size. It carries no
/// owner reference, so removing the workload (a rebuild) keeps it.
extension KubernetesInstanceRuntime {
    public func createVolume(name: String, labels: [String: String], for instance: Instance) async throws {
        let objects = InstanceManifests.render(workload(instance, generation: instance.generation), settings: placement)
        var claim = objects.persistentVolumeClaim
        claim.metadata.labels = (claim.metadata.labels ?? [:]).merging(labels) { _, new in new }
        claim.metadata.labels?[RuntimeNames.generationLabel] = nil
        _ = try await api.apply(claim, force: true)
    }

    public func volumeExists(name: String) async throws -> Bool {
        guard let claim = try await api.get(PersistentVolumeClaim.self, name: name) else { return false }
        return claim.metadata.deletionTimestamp == nil
    }

    public func listVolumes(labels: [String: String]) async throws -> [VolumeInfo] {
        try await api.list(PersistentVolumeClaim.self, labelSelector: Self.selector(labels)).items.map {
            VolumeInfo(name: $0.metadata.name ?? "", labels: $0.metadata.labels ?? [:],
                       createdAt: $0.metadata.creationTimestamp.flatMap(LeaseSpec.parseTime))
        }
    }

    /// Removes the claim, and what of the instance could still be left without a workload (a
    /// Secret written before a crash, before its Deployment existed).
    public func removeVolume(name: String) async throws {
        if let id = Self.instanceID(ofVolume: name) {
            for object in InstanceManifests.deletion(instanceID: id) where object.resource != Deployment.resource {
                try await api.delete(object.resource, name: object.name, propagation: .background)
            }
        } else {
            try await api.delete(PersistentVolumeClaim.resource, name: name, propagation: .background)
        }
    }

    /// The render input of `instance` at `generation` (stopped, no secrets: each caller fills in
    /// what its step owns).
    func workload(_ instance: Instance, generation: Int, spec: ContainerSpec? = nil,
                  imConfig: IMConfig? = nil, deploymentUID: String? = nil) -> InstanceWorkload {
        var input = InstanceWorkload(instance: instance, installID: installID, environment: spec?.environment ?? [:],
                                     imConfig: imConfig, deploymentUID: deploymentUID)
        input.generation = generation
        input.running = false
        if let spec {
            input.image = spec.image
            if let mount = spec.volumes.first { input.stateDir = mount.path }
            if let port = spec.ports.first { input.port = port.containerPort }
        }
        return input
    }
}
