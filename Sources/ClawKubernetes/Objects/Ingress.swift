/// `networking.k8s.io/v1` Ingress: routes `claw-<subdomain>.<domain>` to an instance's Service.
public struct Ingress: SpecObject, Equatable {
    public static let resource = KubeResource.ingresses

    public var metadata: ObjectMeta
    public var spec: IngressSpec?

    public init(metadata: ObjectMeta, spec: IngressSpec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}

public struct IngressSpec: Codable, Sendable, Equatable {
    public var ingressClassName: String?
    public var rules: [IngressRule]?

    public init(ingressClassName: String?, rules: [IngressRule]?) {
        self.ingressClassName = ingressClassName
        self.rules = rules
    }
}

public struct IngressRule: Codable, Sendable, Equatable {
    public var host: String?
    public var http: HTTPIngressRuleValue?

    public init(host: String?, http: HTTPIngressRuleValue?) {
        self.host = host
        self.http = http
    }
}

public struct HTTPIngressRuleValue: Codable, Sendable, Equatable {
    public var paths: [HTTPIngressPath]
    public init(paths: [HTTPIngressPath]) { self.paths = paths }
}

public struct HTTPIngressPath: Codable, Sendable, Equatable {
    public var path: String?
    /// `Prefix`, `Exact` or `ImplementationSpecific`.
    public var pathType: String
    public var backend: IngressBackend

    public init(path: String?, pathType: String, backend: IngressBackend) {
        self.path = path
        self.pathType = pathType
        self.backend = backend
    }
}

public struct IngressBackend: Codable, Sendable, Equatable {
    public var service: IngressServiceBackend?
    public init(service: IngressServiceBackend?) { self.service = service }
}

public struct IngressServiceBackend: Codable, Sendable, Equatable {
    public struct Port: Codable, Sendable, Equatable {
        public var number: Int?
        public var name: String?
        public init(number: Int? = nil, name: String? = nil) {
            self.number = number
            self.name = name
        }
    }

    public var name: String
    public var port: Port

    public init(name: String, port: Port) {
        self.name = name
        self.port = port
    }
}
