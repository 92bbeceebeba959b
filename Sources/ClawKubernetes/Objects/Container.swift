/// One container of a pod, with the fields clawd writes (and reads back from a Pod).
public struct Container: Codable, Sendable, Equatable {
    public var name: String
    public var image: String?
    public var imagePullPolicy: String?
    public var command: [String]?
    public var args: [String]?
    public var env: [EnvVar]?
    public var ports: [ContainerPort]?
    public var resources: ResourceRequirements?
    public var volumeMounts: [VolumeMount]?
    public var readinessProbe: Probe?
    public var securityContext: SecurityContext?

    public init(name: String, image: String?, imagePullPolicy: String? = nil, command: [String]? = nil,
                args: [String]? = nil, env: [EnvVar]? = nil, ports: [ContainerPort]? = nil,
                resources: ResourceRequirements? = nil, volumeMounts: [VolumeMount]? = nil,
                readinessProbe: Probe? = nil, securityContext: SecurityContext? = nil) {
        self.name = name
        self.image = image
        self.imagePullPolicy = imagePullPolicy
        self.command = command
        self.args = args
        self.env = env
        self.ports = ports
        self.resources = resources
        self.volumeMounts = volumeMounts
        self.readinessProbe = readinessProbe
        self.securityContext = securityContext
    }
}

/// A plain environment value. Only non-secret settings are ever written here: a pod's
/// environment is readable by anyone who may read the Deployment.
public struct EnvVar: Codable, Sendable, Equatable {
    public var name: String
    public var value: String?

    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }
}

public struct ContainerPort: Codable, Sendable, Equatable {
    public var name: String?
    public var containerPort: Int
    public var `protocol`: String?

    public init(name: String? = nil, containerPort: Int, protocol: String? = nil) {
        self.name = name
        self.containerPort = containerPort
        self.protocol = `protocol`
    }
}

/// CPU and memory as Kubernetes quantities (`500m`, `2`, `1Gi`), keyed `cpu` / `memory`.
public struct ResourceRequirements: Codable, Sendable, Equatable {
    public var requests: [String: String]?
    public var limits: [String: String]?

    public init(requests: [String: String]? = nil, limits: [String: String]? = nil) {
        self.requests = requests
        self.limits = limits
    }
}

public struct VolumeMount: Codable, Sendable, Equatable {
    public var name: String
    public var mountPath: String
    public var readOnly: Bool?

    public init(name: String, mountPath: String, readOnly: Bool? = nil) {
        self.name = name
        self.mountPath = mountPath
        self.readOnly = readOnly
    }
}

/// Per-container restrictions.
public struct SecurityContext: Codable, Sendable, Equatable {
    public var allowPrivilegeEscalation: Bool?
    public var privileged: Bool?
    public var readOnlyRootFilesystem: Bool?
    public var capabilities: Capabilities?

    public init(allowPrivilegeEscalation: Bool? = nil, privileged: Bool? = nil, readOnlyRootFilesystem: Bool? = nil,
                capabilities: Capabilities? = nil) {
        self.allowPrivilegeEscalation = allowPrivilegeEscalation
        self.privileged = privileged
        self.readOnlyRootFilesystem = readOnlyRootFilesystem
        self.capabilities = capabilities
    }
}

public struct Capabilities: Codable, Sendable, Equatable {
    public var add: [String]?
    public var drop: [String]?

    public init(add: [String]? = nil, drop: [String]? = nil) {
        self.add = add
        self.drop = drop
    }
}
