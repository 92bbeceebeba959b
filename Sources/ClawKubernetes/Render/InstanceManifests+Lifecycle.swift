import ClawCore

/// The objects of each lifecycle step. Every step applies the whole render: a server-side apply
/// drops the fields its manager stops sending, so a patch of `replicas` alone would strip the
/// rest of the Deployment.
extension InstanceManifests {
    /// The workload scaled to 0: the pod stops, the claim, Secret and Service stay.
    public static func stop(_ input: InstanceWorkload, settings: KubernetesPlacement) -> InstanceObjects {
        var input = input
        input.running = false
        return render(input, settings: settings)
    }

    /// The workload scaled to 1.
    public static func start(_ input: InstanceWorkload, settings: KubernetesPlacement) -> InstanceObjects {
        var input = input
        input.running = true
        return render(input, settings: settings)
    }

    /// A new pod template (generation label and annotation, and the image when given) on the same
    /// claim: the Deployment recreates the pod, the volume keeps the state.
    public static func rebuild(_ input: InstanceWorkload, generation: Int, image: String? = nil,
                               settings: KubernetesPlacement) -> InstanceObjects {
        var input = input
        input.generation = generation
        if let image { input.image = image }
        return render(input, settings: settings)
    }

    /// What deleting an instance removes, in order: the Deployment first (its pod stops and the
    /// owned objects follow it), then each owned object by name (they may not carry the owner
    /// reference yet), the claim last.
    public static func deletion(instanceID: String) -> [ObjectReference] {
        let names = InstanceObjectNames(instanceID: instanceID)
        return [
            ObjectReference(resource: Deployment.resource, name: names.deployment),
            ObjectReference(resource: Secret.resource, name: names.secret),
            ObjectReference(resource: Service.resource, name: names.service),
            ObjectReference(resource: Ingress.resource, name: names.ingress),
            ObjectReference(resource: PersistentVolumeClaim.resource, name: names.persistentVolumeClaim),
        ]
    }

    /// What the objects of an instance should be for its lifecycle state: applied with the
    /// replicas its intent asks for, or deleted.
    public static func plan(_ input: InstanceWorkload, desired: Desired, settings: KubernetesPlacement) -> InstancePlan {
        switch desired {
        case .running: return .apply(start(input, settings: settings))
        case .stopped: return .apply(stop(input, settings: settings))
        case .absent: return .delete(deletion(instanceID: input.instanceID))
        }
    }
}

/// One object by kind and name, for deletes.
public struct ObjectReference: Sendable, Equatable, Hashable {
    public var resource: KubeResource
    public var name: String

    public init(resource: KubeResource, name: String) {
        self.resource = resource
        self.name = name
    }
}

public enum InstancePlan: Sendable, Equatable {
    case apply(InstanceObjects)
    case delete([ObjectReference])
}
