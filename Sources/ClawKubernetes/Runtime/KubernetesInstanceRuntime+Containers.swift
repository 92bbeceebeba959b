import ClawCore
import Foundation

/// The container: a Deployment `clawd-<id>` whose pod template carries the generation; start
/// and stop set its replicas, removal deletes it with what it owns (never the claim).
extension KubernetesInstanceRuntime {
    /// Applies the Deployment with 0 replicas first, then the Secret, Service and Ingress owned
    /// by it (the Secret keeps the file `deliverSecrets` wrote; `{}` when there is none yet).
    public func createContainer(_ spec: ContainerSpec, for instance: Instance) async throws -> String {
        let generation = spec.labels[RuntimeNames.generationLabel].flatMap { Int($0) } ?? instance.generation
        let stored = try await api.get(Secret.self, name: InstanceObjectNames(instanceID: instance.id).secret)
        let imConfig = stored?.data?[InstanceObjectNames.secretsFile].map { IMConfig(json: String(decoding: $0, as: UTF8.self)) }
        let first = InstanceManifests.render(workload(instance, generation: generation, spec: spec, imConfig: imConfig),
                                             settings: placement)
        let deployment = try await api.apply(first.deployment, force: true)
        guard let uid = deployment.metadata.uid else {
            throw ClawError(.runtime, "the API server answered the Deployment \(spec.name) without a uid")
        }
        let owned = InstanceManifests.render(
            workload(instance, generation: generation, spec: spec, imConfig: imConfig, deploymentUID: uid),
            settings: placement)
        _ = try await api.apply(owned.secret, force: true)
        _ = try await api.apply(owned.service, force: true)
        if let ingress = owned.ingress { _ = try await api.apply(ingress, force: true) }
        return deployment.metadata.name ?? spec.name
    }

    /// One replica, then waits until the pod's container runs (not yet Ready: that is health).
    public func startContainer(_ nameOrID: String) async throws {
        let deployment = try await scale(nameOrID, replicas: 1)
        let generation = Self.generation(deployment)
        let running = try await wait(for: startTimeout) {
            let pods = try await pods(of: deployment)
            return KubeContainerState.current(pods, generation: generation).map(KubeContainerState.isRunning) ?? false
        }
        guard running else {
            throw ClawError(.timeout, "the pod of \(nameOrID) did not run within \(startTimeout.components.seconds) s")
        }
    }

    /// No replica, then waits (at most `timeoutSeconds` and the pod's own grace) for the pods to
    /// go; what is left then is deleted, as a kill would.
    public func stopContainer(_ nameOrID: String, timeoutSeconds: Int) async throws {
        let deployment = try await scale(nameOrID, replicas: 0)
        let gone = try await wait(for: .seconds(max(1, timeoutSeconds)) + .seconds(2)) {
            try await pods(of: deployment).isEmpty
        }
        if !gone {
            for pod in try await pods(of: deployment) {
                try await api.delete(Pod.resource, name: pod.metadata.name ?? "", propagation: .background)
            }
        }
    }

    /// Deletes the Deployment (its pods and owned objects follow) and the owned objects by name,
    /// which may not carry the owner reference yet. The claim stays.
    public func removeContainer(_ nameOrID: String, force: Bool) async throws {
        try await api.delete(Deployment.resource, name: nameOrID, propagation: .background)
        guard let id = Self.instanceID(ofContainer: nameOrID) else { return }
        for object in InstanceManifests.deletion(instanceID: id)
        where object.resource != Deployment.resource && object.resource != PersistentVolumeClaim.resource {
            try await api.delete(object.resource, name: object.name, propagation: .background)
        }
    }

    /// Re-applies the Deployment as stored with `replicas` (an apply must carry every field
    /// clawd owns, or the server drops the missing ones).
    func scale(_ name: String, replicas: Int) async throws -> Deployment {
        guard var deployment = try await api.get(Deployment.self, name: name) else {
            throw ClawError(.notFound, "Deployment \(name) does not exist")
        }
        deployment.metadata = ObjectMeta(name: deployment.metadata.name, namespace: deployment.metadata.namespace,
                                         labels: deployment.metadata.labels, annotations: deployment.metadata.annotations,
                                         ownerReferences: deployment.metadata.ownerReferences)
        deployment.status = nil
        deployment.spec?.replicas = replicas
        return try await api.apply(deployment, force: true)
    }

    /// The pods of the instance a Deployment runs.
    func pods(of deployment: Deployment) async throws -> [Pod] {
        guard let id = deployment.metadata.labels?[RuntimeNames.instanceLabel] else { return [] }
        return try await pods(instanceID: id)
    }

    /// The generation of the Deployment's pod template.
    static func generation(_ deployment: Deployment) -> Int? {
        deployment.spec?.template.metadata.labels?[RuntimeNames.generationLabel].flatMap { Int($0) }
            ?? deployment.metadata.labels?[RuntimeNames.generationLabel].flatMap { Int($0) }
    }
}
