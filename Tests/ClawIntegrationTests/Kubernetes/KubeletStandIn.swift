import ClawCore
import ClawKubernetes
import Foundation

/// Stands in for what the emulator lacks: the Deployment controller and the kubelet. kmock
/// stores objects and nothing more, so nothing would ever run a pod. Every `interval` this
/// lists the install's Deployments and pods and converges them the way a cluster would: one
/// Running, Ready pod of the current template generation for a Deployment of 1 replica (pods of
/// other generations deleted first, as `Recreate` does), none for 0 replicas or no Deployment.
/// It never touches anything else, so every other object in the tests is the engine's doing.
struct KubeletStandIn: Sendable {
    let api: any KubernetesAPI
    let installID: String
    var interval: Duration = .milliseconds(100)

    func run() async {
        while !Task.isCancelled {
            try? await step()
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }

    func step() async throws {
        let selector = "\(RuntimeNames.installLabel)=\(installID)"
        let deployments = try await api.list(Deployment.self, labelSelector: selector).items
        let pods = try await api.list(Pod.self, labelSelector: selector).items
        var wanted: [String: Deployment] = [:]
        for d in deployments where d.metadata.deletionTimestamp == nil && (d.spec?.replicas ?? 1) > 0 {
            if let name = Self.podName(d) { wanted[name] = d }
        }
        for pod in pods where wanted[pod.metadata.name ?? ""] == nil {
            try await api.delete(Pod.resource, name: pod.metadata.name ?? "", propagation: .background)
        }
        let existing = Set(pods.compactMap(\.metadata.name))
        for (name, deployment) in wanted where !existing.contains(name) {
            _ = try await api.create(Self.runningPod(name, of: deployment))
        }
    }

    /// One pod name per Deployment uid and generation.
    static func podName(_ d: Deployment) -> String? {
        guard let name = d.metadata.name, let uid = d.metadata.uid else { return nil }
        let generation = d.spec?.template.metadata.labels?[RuntimeNames.generationLabel] ?? "0"
        return "\(name)-g\(generation)-\(uid.prefix(5).lowercased())"
    }

    static func runningPod(_ name: String, of d: Deployment) -> Pod {
        let now = LeaseSpec.microTime(Date())
        return Pod(
            metadata: ObjectMeta(name: name, namespace: d.metadata.namespace, labels: d.spec?.template.metadata.labels),
            spec: d.spec?.template.spec,
            status: PodStatus(
                phase: "Running",
                conditions: [PodCondition(type: PodCondition.ready, status: "True")],
                containerStatuses: [ContainerStatus(
                    name: InstanceObjectNames.container, ready: true, restartCount: 0,
                    image: d.spec?.template.spec.containers.first?.image,
                    state: ContainerStateInfo(running: .init(startedAt: now)))],
                podIP: "10.244.0.\(Int.random(in: 2...250))", startTime: now))
    }
}
