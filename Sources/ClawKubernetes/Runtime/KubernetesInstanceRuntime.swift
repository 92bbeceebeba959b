import ClawCore
import Foundation

/// Instances on a Kubernetes cluster, through the few calls of `KubernetesAPI`: the volume is a
/// PersistentVolumeClaim, the container a Deployment of 0 or 1 replica with its Secret, Service
/// (and Ingress) owned by it, events come from watching pods and Deployments, health is the
/// pod's Ready condition. Every write is a server-side apply or a delete, so every step can run
/// again after a crash. Kubernetes places, restarts and stores; clawd only states what it wants.
public struct KubernetesInstanceRuntime: InstanceRuntime {
    let api: any KubernetesAPI
    let placement: KubernetesPlacement
    let installID: String
    /// How long `start` waits for the pod's container to run (an image pull included).
    let startTimeout: Duration
    /// How often a waiting step looks again.
    let poll: Duration

    public init(api: any KubernetesAPI, placement: KubernetesPlacement, installID: String,
                startTimeout: Duration = .seconds(300), poll: Duration = .milliseconds(250)) {
        self.api = api
        self.placement = placement
        self.installID = installID
        self.startTimeout = startTimeout
        self.poll = poll
    }

    /// One call that proves the API answers for the namespace with clawd's credentials.
    public func info() async throws -> InstanceRuntimeInfo {
        _ = try await api.get(Lease.self, name: LeaderLease.name)
        return InstanceRuntimeInfo(backend: .kubernetes, version: Deployment.resource.apiVersion,
                                   endpoint: "namespace \(api.namespace)")
    }

    /// `a=b,c=d` of `labels`, sorted.
    static func selector(_ labels: [String: String]) -> String {
        labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    /// The instance id a runtime name (`clawd-<id>`, `clawd-<id>-data`) belongs to.
    static func instanceID(ofContainer name: String) -> String? {
        name.hasPrefix("clawd-") ? String(name.dropFirst("clawd-".count)) : nil
    }

    static func instanceID(ofVolume name: String) -> String? {
        guard name.hasPrefix("clawd-"), name.hasSuffix("-data") else { return nil }
        return String(name.dropFirst("clawd-".count).dropLast("-data".count))
    }

    /// The pods of an instance (its Deployment's, any generation).
    func pods(instanceID: String) async throws -> [Pod] {
        try await api.list(Pod.self, labelSelector: Self.selector([
            RuntimeNames.installLabel: installID, RuntimeNames.instanceLabel: instanceID,
        ])).items
    }

    /// Polls `condition` until it holds or `timeout` passes; true when it held.
    func wait(for timeout: Duration, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            if try await condition() { return true }
            if ContinuousClock.now >= deadline { return false }
            try await Task.sleep(for: poll)
        }
    }
}
