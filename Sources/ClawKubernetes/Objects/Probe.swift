/// A readiness check of a container: a TCP connect or an HTTP GET.
public struct Probe: Codable, Sendable, Equatable {
    public var tcpSocket: TCPSocketAction?
    public var httpGet: HTTPGetAction?
    public var initialDelaySeconds: Int?
    public var periodSeconds: Int?
    public var timeoutSeconds: Int?
    public var failureThreshold: Int?
    public var successThreshold: Int?

    public init(tcpSocket: TCPSocketAction? = nil, httpGet: HTTPGetAction? = nil, initialDelaySeconds: Int? = nil,
                periodSeconds: Int? = nil, timeoutSeconds: Int? = nil, failureThreshold: Int? = nil,
                successThreshold: Int? = nil) {
        self.tcpSocket = tcpSocket
        self.httpGet = httpGet
        self.initialDelaySeconds = initialDelaySeconds
        self.periodSeconds = periodSeconds
        self.timeoutSeconds = timeoutSeconds
        self.failureThreshold = failureThreshold
        self.successThreshold = successThreshold
    }
}

public struct TCPSocketAction: Codable, Sendable, Equatable {
    public var port: IntOrString
    public init(port: IntOrString) { self.port = port }
}

public struct HTTPGetAction: Codable, Sendable, Equatable {
    public var path: String?
    public var port: IntOrString
    public var scheme: String?

    public init(path: String?, port: IntOrString, scheme: String? = nil) {
        self.path = path
        self.port = port
        self.scheme = scheme
    }
}
