import ClawCore
import ClawStore
import Hummingbird

/// The per-key rate limit of every dialect (docs/spec/api-hosters.md "Rate limit"): every answer to a
/// request with a valid API key carries `X-RateLimit-Limit`, `X-RateLimit-Remaining` and
/// `X-RateLimit-Reset`; over the limit it is 429 with `Retry-After`, in the dialect's error shape,
/// and the route does not run. Requests without a key (public paths, the admin socket) are not counted.
/// A refusal is written to the audit log here, where the key and its org are known.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let limiter: RateLimiter?
    var audit: ContainerRunStore? = nil

    static let limitHeader = HeaderName("X-RateLimit-Limit")!
    static let remainingHeader = HeaderName("X-RateLimit-Remaining")!
    static let resetHeader = HeaderName("X-RateLimit-Reset")!

    func handle(_ request: Request, context: APIContext,
                next: (Request, APIContext) async throws -> Response) async throws -> Response {
        guard let limiter, let key = context.apiKeyID else { return try await next(request, context) }
        let decision = limiter.acquire(key)
        var response: Response
        if decision.allowed {
            // Errors become answers here, so they carry the headers too.
            response = try await DialectErrorMiddleware<APIContext>().handle(request, context: context, next: next)
        } else {
            let error = ClawError(.rateLimited, "Rate limit exceeded. Try again in \(decision.retryAfterSeconds) seconds.",
                                  retryAfterSeconds: Int(decision.retryAfterSeconds))
            response = Dialect.of(path: request.uri.path).response(for: error)
            await ContainerAudit(runs: audit).denied(request, context, error)
        }
        response.headers[Self.limitHeader] = "\(decision.limit)"
        response.headers[Self.remainingHeader] = "\(decision.remaining)"
        response.headers[Self.resetHeader] = "\(decision.resetAt)"
        return response
    }
}
