import ClawCore

/// Where and how instances are placed on the cluster: the `kubernetes` settings the render needs.
public struct KubernetesPlacement: Sendable, Equatable {
    public var namespace: String
    /// nil: the cluster's default storage class.
    public var storageClass: String?
    /// The claim size of each tier.
    public var volumeSizes: VolumeSizes
    /// nil: the cluster's default ingress class.
    public var ingressClass: String?
    /// Instances are reachable at `claw-<subdomain>.<domain>`; nil renders no Ingress.
    public var domain: String?
    public var imagePullPolicy: ImagePullPolicy
    /// The group the pod's volumes are made writable for, for images that run as a non-root
    /// user; nil leaves ownership as the image and the storage provide it. With a group the
    /// kubelet also makes the secrets file readable by it (0640 instead of 0600): the price of
    /// a non-root bot reading a file Kubernetes always writes as root.
    public var fsGroup: Int?

    public init(namespace: String, storageClass: String? = nil, volumeSizes: VolumeSizes = VolumeSizes(),
                ingressClass: String? = nil, domain: String? = nil,
                imagePullPolicy: ImagePullPolicy = .ifNotPresent, fsGroup: Int? = nil) {
        self.namespace = namespace
        self.storageClass = storageClass
        self.volumeSizes = volumeSizes
        self.ingressClass = ingressClass
        self.domain = domain
        self.imagePullPolicy = imagePullPolicy
        self.fsGroup = fsGroup
    }
}

public enum ImagePullPolicy: String, Sendable, Codable, CaseIterable {
    case always = "Always"
    case ifNotPresent = "IfNotPresent"
    case never = "Never"
}

/// A claim size per tier, as quantities (`5Gi`).
public struct VolumeSizes: Sendable, Equatable {
    public var budget: String
    public var balanced: String
    public var pro: String

    public init(budget: String = "5Gi", balanced: String = "10Gi", pro: String = "20Gi") {
        self.budget = budget
        self.balanced = balanced
        self.pro = pro
    }

    /// The per-tier disk limits where set, these defaults where a limit is 0 (unlimited).
    public init(diskLimits: DiskLimits) {
        let defaults = VolumeSizes()
        func size(_ tier: Tier) -> String {
            diskLimits.limitBytes(tier).map(Quantity.bytes) ?? defaults.size(tier)
        }
        self.init(budget: size(.budget), balanced: size(.balanced), pro: size(.pro))
    }

    public func size(_ tier: Tier) -> String {
        switch tier {
        case .budget: return budget
        case .balanced: return balanced
        case .pro: return pro
        }
    }
}
