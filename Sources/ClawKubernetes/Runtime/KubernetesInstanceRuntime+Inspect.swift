import ClawCore

/// Inspect and list: the Deployment and its pods read as `ContainerInfo` (`KubeContainerState`).
extension KubernetesInstanceRuntime {
    public func inspectContainer(_ nameOrID: String) async throws -> ContainerInfo? {
        guard let deployment = try await api.get(Deployment.self, name: nameOrID) else { return nil }
        return KubeContainerState.info(deployment, pods: try await pods(of: deployment))
    }

    /// Two calls whatever the number of instances: one list of Deployments, one of pods.
    public func listContainers(labels: [String: String]) async throws -> [ContainerInfo] {
        let selector = Self.selector(labels)
        let deployments = try await api.list(Deployment.self, labelSelector: selector).items
        let pods = try await api.list(Pod.self, labelSelector: selector).items
        let byInstance = Dictionary(grouping: pods) { $0.metadata.labels?[RuntimeNames.instanceLabel] ?? "" }
        return deployments.map { deployment in
            let id = deployment.metadata.labels?[RuntimeNames.instanceLabel] ?? ""
            return KubeContainerState.info(deployment, pods: byInstance[id] ?? [])
        }
    }
}
