import ClawCore
import Foundation

/// The secrets file is the Secret `clawd-<id>-secrets`, mounted read-only with mode 0600 at
/// `<state dir>/secrets/im-config.json`; health is the pod's Ready condition (its readiness
/// probe on the instance port), so no host port is involved.
extension KubernetesInstanceRuntime {
    /// Applies the Secret, owned by the Deployment when it exists already (otherwise
    /// `createContainer` adds the owner reference, and `removeVolume` removes it if none comes).
    public func deliverSecrets(_ imConfig: IMConfig?, for instance: Instance) async throws {
        let names = InstanceObjectNames(instanceID: instance.id)
        let deployment = try await api.get(Deployment.self, name: names.deployment)
        let uid = deployment?.metadata.deletionTimestamp == nil ? deployment?.metadata.uid : nil
        let objects = InstanceManifests.render(
            workload(instance, generation: instance.generation, imConfig: imConfig ?? .empty, deploymentUID: uid),
            settings: placement)
        _ = try await api.apply(objects.secret, force: true)
    }

    /// One list call: a pod of the instance that is Ready and not being deleted (with `Recreate`
    /// only the current generation's pod can be).
    public func probeHealth(_ nameOrID: String, hostPort: Int?) async -> Bool? {
        guard let id = Self.instanceID(ofContainer: nameOrID) else { return nil }
        do {
            return try await pods(instanceID: id).contains { $0.metadata.deletionTimestamp == nil && $0.isReady }
        } catch {
            return nil
        }
    }
}
