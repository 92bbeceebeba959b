import AsyncHTTPClient
import Foundation
import NIOCore
import Logging

/// `KubernetesAPI` over HTTP(S) with AsyncHTTPClient: the calls clawd makes, in one namespace,
/// authenticated as its configuration says. Either uses the `HTTPClient` it is given (the caller
/// shuts it down) or makes its own from the configuration (`shutdown()` closes it).
public final class KubernetesClient: KubernetesAPI {
    public let namespace: String
    public let config: KubeConfig
    /// The `fieldManager` of server-side apply; the owner of the fields clawd applies.
    public let fieldManager: String
    let http: HTTPClient
    let ownsHTTPClient: Bool
    let logger: Logger
    let backoff: WatchBackoff
    /// How long a call may take until the answer's head arrives.
    let requestTimeout: TimeAmount

    /// A client on `httpClient` (the caller shuts it down); it must carry `config`'s TLS settings
    /// (`config.makeHTTPClient()` does). `namespace` defaults to the context's, else `default`.
    public convenience init(config: KubeConfig, httpClient: HTTPClient, namespace: String? = nil, fieldManager: String = "clawd",
                            backoff: WatchBackoff = WatchBackoff(), requestTimeout: Duration = .seconds(30),
                            logger: Logger = Logger(label: "clawd.kubernetes")) {
        self.init(config: config, http: httpClient, owns: false, namespace: namespace, fieldManager: fieldManager,
                  backoff: backoff, requestTimeout: requestTimeout, logger: logger)
    }

    /// A client with its own `HTTPClient` made from `config`; call `shutdown()` when done.
    public convenience init(config: KubeConfig, namespace: String? = nil, fieldManager: String = "clawd",
                            backoff: WatchBackoff = WatchBackoff(), requestTimeout: Duration = .seconds(30),
                            logger: Logger = Logger(label: "clawd.kubernetes")) throws {
        self.init(config: config, http: try config.makeHTTPClient(), owns: true, namespace: namespace, fieldManager: fieldManager,
                  backoff: backoff, requestTimeout: requestTimeout, logger: logger)
    }

    init(config: KubeConfig, http: HTTPClient, owns: Bool, namespace: String?, fieldManager: String,
         backoff: WatchBackoff, requestTimeout: Duration, logger: Logger) {
        self.config = config
        self.http = http
        self.ownsHTTPClient = owns
        self.namespace = namespace ?? config.namespace ?? "default"
        self.fieldManager = fieldManager
        self.backoff = backoff
        let (seconds, attoseconds) = requestTimeout.components
        self.requestTimeout = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        self.logger = logger
    }

    /// Closes the `HTTPClient` the client made; nothing when it was given one.
    public func shutdown() async throws {
        if ownsHTTPClient { try await http.shutdown() }
    }
}

/// How a watch waits before it reconnects after a failure: `initial`, doubling up to `maximum`.
public struct WatchBackoff: Sendable {
    public var initial: Duration
    public var maximum: Duration
    public init(initial: Duration = .milliseconds(250), maximum: Duration = .seconds(30)) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The wait before attempt `failures` + 1 (`failures` ≥ 1).
    public func delay(afterFailures failures: Int) -> Duration {
        var d = initial
        for _ in 1..<max(1, failures) where d < maximum { d *= 2 }
        return min(d, maximum)
    }
}
