import ClawCore

extension Settings {
    /// Instances on the cluster of `kubeconfig` (in-cluster without one).
    func kubernetesPlacement(config: EngineConfig) throws -> InstancePlacement {
        InstancePlacement(runtime: nil, local: nil, backend: "kubernetes", error: "the kubernetes backend is not wired yet")
    }
}
