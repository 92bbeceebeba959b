import ClawCore

extension Settings {
    /// The mode the local engine is detected with: agent runs always use one.
    var localRuntimeMode: String {
        switch runtime {
        case .auto, .podman, .docker: runtime.rawValue
        case .kubernetes: RuntimeMode.auto.rawValue
        }
    }

    /// Where instances run when agent runs do not share their runtime; nil when they do.
    var instancesElsewhere: String? {
        switch runtime {
        case .auto, .podman, .docker: nil
        case .kubernetes: "this runtime serves agent runs only; instances run on Kubernetes, namespace \(kubernetes.namespace)"
        }
    }

    /// The backend instances run on: the detected local engine, or the cluster of `kubeconfig`.
    func instancePlacement(local: (any ContainerRuntime)?, config: EngineConfig) throws -> InstancePlacement {
        switch runtime {
        case .auto, .podman, .docker:
            let instances = local.map {
                LocalInstanceRuntime($0, installID: config.installID, secretsOwner: config.secretsOwner) as any InstanceRuntime
            }
            return InstancePlacement(runtime: instances, local: local, backend: local?.backend.rawValue ?? "none")
        case .kubernetes:
            return try kubernetesPlacement(config: config)
        }
    }
}
