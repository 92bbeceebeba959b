/// `apps/v1` Deployment: the workload of one instance, 0 or 1 replica of its pod template.
public struct Deployment: SpecObject, Equatable {
    public static let resource = KubeResource.deployments

    public var metadata: ObjectMeta
    public var spec: DeploymentSpec?
    public var status: DeploymentStatus?

    public init(metadata: ObjectMeta, spec: DeploymentSpec? = nil, status: DeploymentStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

public struct DeploymentSpec: Codable, Sendable, Equatable {
    public var replicas: Int?
    public var selector: LabelSelector
    public var strategy: DeploymentStrategy?
    public var template: PodTemplateSpec
    /// How many old ReplicaSets the Deployment keeps for rollback.
    public var revisionHistoryLimit: Int?

    public init(replicas: Int?, selector: LabelSelector, strategy: DeploymentStrategy? = nil,
                template: PodTemplateSpec, revisionHistoryLimit: Int? = nil) {
        self.replicas = replicas
        self.selector = selector
        self.strategy = strategy
        self.template = template
        self.revisionHistoryLimit = revisionHistoryLimit
    }
}

/// `Recreate` stops the old pod before the new one starts, so two pods never share a
/// ReadWriteOnce volume; `RollingUpdate` would overlap them.
public struct DeploymentStrategy: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case recreate = "Recreate", rollingUpdate = "RollingUpdate" }
    public var type: Kind

    public init(type: Kind) { self.type = type }
    public static let recreate = DeploymentStrategy(type: .recreate)
}

public struct DeploymentStatus: Codable, Sendable, Equatable {
    public var observedGeneration: Int?
    public var replicas: Int?
    public var readyReplicas: Int?
    public var availableReplicas: Int?
    public var updatedReplicas: Int?

    public init(observedGeneration: Int? = nil, replicas: Int? = nil, readyReplicas: Int? = nil,
                availableReplicas: Int? = nil, updatedReplicas: Int? = nil) {
        self.observedGeneration = observedGeneration
        self.replicas = replicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.updatedReplicas = updatedReplicas
    }
}
