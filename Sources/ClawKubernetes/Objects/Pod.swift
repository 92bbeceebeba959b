/// `v1` Pod, read only: what clawd learns of an instance's running container.
public struct Pod: SpecObject, Equatable {
    public static let resource = KubeResource.pods

    public var metadata: ObjectMeta
    public var spec: PodSpec?
    public var status: PodStatus?

    public init(metadata: ObjectMeta, spec: PodSpec? = nil, status: PodStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// The pod's `Ready` condition is `True`: every container passes its readiness probe.
    public var isReady: Bool {
        status?.conditions?.contains { $0.type == PodCondition.ready && $0.status == "True" } ?? false
    }
}

public struct PodStatus: Codable, Sendable, Equatable {
    /// `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`.
    public var phase: String?
    public var conditions: [PodCondition]?
    public var containerStatuses: [ContainerStatus]?
    public var podIP: String?
    public var reason: String?
    public var message: String?
    public var startTime: String?

    public init(phase: String? = nil, conditions: [PodCondition]? = nil, containerStatuses: [ContainerStatus]? = nil,
                podIP: String? = nil, reason: String? = nil, message: String? = nil, startTime: String? = nil) {
        self.phase = phase
        self.conditions = conditions
        self.containerStatuses = containerStatuses
        self.podIP = podIP
        self.reason = reason
        self.message = message
        self.startTime = startTime
    }
}

public struct PodCondition: Codable, Sendable, Equatable {
    public static let ready = "Ready"

    /// `Ready`, `ContainersReady`, `Initialized`, `PodScheduled`, ...
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    public var reason: String?
    public var message: String?
    public var lastTransitionTime: String?

    public init(type: String, status: String, reason: String? = nil, message: String? = nil,
                lastTransitionTime: String? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
    }
}
