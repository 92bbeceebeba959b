import ClawCore
import Hummingbird

/// The request context of every route: who is asking, decided by the listener and the key.
public struct APIContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The request came over the admin Unix socket (the host admin; no key needed).
    public var isAdmin = false
    /// The org the request acts for: the key's org, or `X-Clawd-Org` on the socket.
    public var orgID: String?
    /// The id of the API key that authenticated the request (TCP only): the rate limit's key.
    public var apiKeyID: String?
    /// Set by the router: the largest body a route collects.
    public var bodyLimit = 1 << 20
    /// The request's `Idempotency-Key`, for routes that record their answer in the transaction
    /// of their effect (set by `IdempotencyMiddleware`).
    var idempotency: Idempotency?

    public init(source: Source) { coreContext = .init(source: source) }

    public var maxUploadSize: Int { bodyLimit }

    /// The acting org, or a 400 asking the admin to name one.
    public func requireOrg() throws -> String {
        if let orgID { return orgID }
        throw ClawError(.invalidArgument, "this request acts for one org: send X-Clawd-Org: <orgId> (clawctl --org)",
                        param: "X-Clawd-Org")
    }
}
