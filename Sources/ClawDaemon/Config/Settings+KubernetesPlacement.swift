import ClawCore
import ClawKubernetes
import Foundation

extension Settings {
    /// Instances on the cluster of `kubeconfig` (the pod's service account without one), and the
    /// leader Lease this daemon must hold before it writes.
    func kubernetesPlacement(config: EngineConfig) throws -> InstancePlacement {
        let kube: KubeConfig
        do {
            kube = try kubernetes.kubeconfig.map { try KubeConfig.load(path: $0) } ?? KubeConfig.inCluster()
        } catch {
            throw ClawError(.config, "kubeconfig: \(error)")
        }
        let client = try KubernetesClient(config: kube, namespace: kubernetes.namespace)
        let runtime = KubernetesInstanceRuntime(api: client, placement: kubernetes.placement, installID: config.installID)
        let identity = ProcessInfo.processInfo.hostName + "/" + config.installID
        return InstancePlacement(runtime: runtime, local: nil, backend: InstanceBackend.kubernetes.rawValue,
                                 lease: LeaderLease(api: client, rules: LeaseRules(identity: identity)))
    }
}
