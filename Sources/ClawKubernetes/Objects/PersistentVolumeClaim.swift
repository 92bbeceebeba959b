/// `v1` PersistentVolumeClaim: the instance's state volume. It carries no owner reference, so
/// deleting the workload leaves it (and the bot's state) in place.
public struct PersistentVolumeClaim: SpecObject, Equatable {
    public static let resource = KubeResource.persistentVolumeClaims

    public var metadata: ObjectMeta
    public var spec: PersistentVolumeClaimSpec?
    public var status: PersistentVolumeClaimStatus?

    public init(metadata: ObjectMeta, spec: PersistentVolumeClaimSpec? = nil,
                status: PersistentVolumeClaimStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

public struct PersistentVolumeClaimSpec: Codable, Sendable, Equatable {
    public static let readWriteOnce = "ReadWriteOnce"

    public var accessModes: [String]?
    /// nil: the cluster's default storage class.
    public var storageClassName: String?
    public var resources: ResourceRequirements?

    public init(accessModes: [String]?, storageClassName: String? = nil, resources: ResourceRequirements?) {
        self.accessModes = accessModes
        self.storageClassName = storageClassName
        self.resources = resources
    }
}

public struct PersistentVolumeClaimStatus: Codable, Sendable, Equatable {
    /// `Pending`, `Bound` or `Lost`.
    public var phase: String?
    public var capacity: [String: String]?

    public init(phase: String? = nil, capacity: [String: String]? = nil) {
        self.phase = phase
        self.capacity = capacity
    }
}
