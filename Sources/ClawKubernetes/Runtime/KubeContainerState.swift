import ClawCore
import Foundation

/// How a Deployment and its pods read as one `ContainerInfo`, the shape the engine plans on.
/// Pure: table-tested.
enum KubeContainerState {
    /// The pod of the Deployment's current generation (the newest when several), ignoring pods
    /// being deleted; nil when there is none.
    static func current(_ pods: [Pod], generation: Int?) -> Pod? {
        pods.filter { pod in
            pod.metadata.deletionTimestamp == nil
                && (generation == nil || pod.metadata.labels?[RuntimeNames.generationLabel] == generation.map(String.init))
        }.max { ($0.metadata.creationTimestamp ?? "") < ($1.metadata.creationTimestamp ?? "") }
    }

    /// The instance container's status in the pod.
    static func status(_ pod: Pod) -> ContainerStatus? {
        let statuses = pod.status?.containerStatuses ?? []
        return statuses.first { $0.name == InstanceObjectNames.container } ?? statuses.first
    }

    static func isRunning(_ pod: Pod) -> Bool {
        pod.status?.phase == "Running" && status(pod)?.state?.running != nil
    }

    /// The engine's state of the container:
    /// - deleting Deployment: `removing`;
    /// - 0 replicas: `exited` (stopped; the pods may still be going);
    /// - 1 replica and no pod of its generation yet, or one still pending: `created` (starting
    ///   it again only re-applies one replica);
    /// - the pod's container running: `running`; waiting after a crash: `restarting` (the
    ///   kubelet restarts it); terminated in a finished pod: `exited`.
    static func state(_ deployment: Deployment, pod: Pod?) -> ContainerState {
        if deployment.metadata.deletionTimestamp != nil { return .removing }
        guard (deployment.spec?.replicas ?? 1) > 0 else { return .exited }
        guard let pod, let phase = pod.status?.phase else { return .created }
        switch phase {
        case "Running":
            let container = status(pod)
            if container?.state?.running != nil { return .running }
            if container?.state?.terminated != nil || container?.lastState?.terminated != nil { return .restarting }
            return .created
        case "Succeeded", "Failed": return .exited
        case "Pending": return .created
        default: return .unknown
        }
    }

    /// The exit code of the container's last termination, when it has one.
    static func exitCode(_ pod: Pod?) -> Int? {
        guard let pod, let container = status(pod) else { return nil }
        return container.state?.terminated?.exitCode ?? container.lastState?.terminated?.exitCode
    }

    static func info(_ deployment: Deployment, pods: [Pod]) -> ContainerInfo {
        let generation = KubernetesInstanceRuntime.generation(deployment)
        let pod = current(pods, generation: generation)
        let name = deployment.metadata.name ?? ""
        let state = state(deployment, pod: pod)
        var addresses: [String: String] = [:]
        if state == .running, let ip = pod?.status?.podIP, !ip.isEmpty { addresses["pod"] = ip }
        return ContainerInfo(
            id: name, name: name,
            image: deployment.spec?.template.spec.containers.first?.image ?? "",
            state: state, labels: deployment.metadata.labels ?? [:], ports: [],
            createdAt: deployment.metadata.creationTimestamp.flatMap(LeaseSpec.parseTime) ?? Date(),
            exitCode: state == .running ? nil : exitCode(pod), addresses: addresses)
    }
}
