/// `v1` Service: the stable in-cluster address of an instance's pod.
public struct Service: SpecObject, Equatable {
    public static let resource = KubeResource.services

    public var metadata: ObjectMeta
    public var spec: ServiceSpec?

    public init(metadata: ObjectMeta, spec: ServiceSpec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}

public struct ServiceSpec: Codable, Sendable, Equatable {
    public static let clusterIP = "ClusterIP"

    public var type: String?
    public var selector: [String: String]?
    public var ports: [ServicePort]?
    /// Assigned by the API server; clawd never writes it.
    public var clusterIP: String?

    public init(type: String? = ServiceSpec.clusterIP, selector: [String: String]?, ports: [ServicePort]?) {
        self.type = type
        self.selector = selector
        self.ports = ports
    }
}

public struct ServicePort: Codable, Sendable, Equatable {
    public var name: String?
    public var port: Int
    public var targetPort: IntOrString?
    public var `protocol`: String?

    public init(name: String? = nil, port: Int, targetPort: IntOrString? = nil, protocol: String? = nil) {
        self.name = name
        self.port = port
        self.targetPort = targetPort
        self.protocol = `protocol`
    }
}
