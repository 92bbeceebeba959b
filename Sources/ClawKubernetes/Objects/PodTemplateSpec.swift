/// The pod a Deployment makes: its metadata (labels the selector matches, the generation
/// annotation a rebuild changes) and its spec.
public struct PodTemplateSpec: Codable, Sendable, Equatable {
    public var metadata: ObjectMeta
    public var spec: PodSpec

    public init(metadata: ObjectMeta, spec: PodSpec) {
        self.metadata = metadata
        self.spec = spec
    }
}

public struct PodSpec: Codable, Sendable, Equatable {
    public var containers: [Container]
    public var volumes: [Volume]?
    public var securityContext: PodSecurityContext?
    public var restartPolicy: String?
    public var terminationGracePeriodSeconds: Int?
    /// An instance has no business with the API server: no token is mounted into it.
    public var automountServiceAccountToken: Bool?
    public var enableServiceLinks: Bool?
    public var nodeName: String?

    public init(containers: [Container], volumes: [Volume]? = nil, securityContext: PodSecurityContext? = nil,
                restartPolicy: String? = nil, terminationGracePeriodSeconds: Int? = nil,
                automountServiceAccountToken: Bool? = nil, enableServiceLinks: Bool? = nil) {
        self.containers = containers
        self.volumes = volumes
        self.securityContext = securityContext
        self.restartPolicy = restartPolicy
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.automountServiceAccountToken = automountServiceAccountToken
        self.enableServiceLinks = enableServiceLinks
    }
}

/// Pod-wide identity: the user and group the containers run as, and the group volumes are
/// made writable for (`fsGroup`).
public struct PodSecurityContext: Codable, Sendable, Equatable {
    public var runAsUser: Int?
    public var runAsGroup: Int?
    public var runAsNonRoot: Bool?
    public var fsGroup: Int?
    public var seccompProfile: SeccompProfile?

    public init(runAsUser: Int? = nil, runAsGroup: Int? = nil, runAsNonRoot: Bool? = nil, fsGroup: Int? = nil,
                seccompProfile: SeccompProfile? = nil) {
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.runAsNonRoot = runAsNonRoot
        self.fsGroup = fsGroup
        self.seccompProfile = seccompProfile
    }
}

public struct SeccompProfile: Codable, Sendable, Equatable {
    public var type: String
    public init(type: String) { self.type = type }
    public static let runtimeDefault = SeccompProfile(type: "RuntimeDefault")
}
