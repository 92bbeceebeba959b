import ClawCore
import ClawStore
import Hummingbird

/// Decides who the caller is. On the Unix socket: the admin, optionally acting for the org named
/// in `X-Clawd-Org`. On TCP: the org of a valid API key (`Authorization: Bearer` or `X-API-Key`),
/// else 401.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let store: Store
    let listener: Listener
    let bodyLimit: Int

    static let publicPaths: Set<String> = ["/v1/claw/health", "/api/v1/health", "/metrics", "/openapi.json",
                                                "/api/v1/channels/whatsapp/webhook"]

    func handle(_ request: Request, context: APIContext,
                next: (Request, APIContext) async throws -> Response) async throws -> Response {
        var context = context
        context.bodyLimit = bodyLimit
        switch listener {
        case .adminSocket:
            context.isAdmin = true
            if let org = request.headers[.init("X-Clawd-Org")!] {
                guard try await store.org(id: org) != nil else {
                    throw ClawError(.notFound, "org \(org) not found", param: "X-Clawd-Org")
                }
                context.orgID = org
            }
        case .tcp:
            // /admin does not exist on TCP: let routing answer 404, exactly as for a missing route.
            // The console authenticates by its own session cookie.
            if !Self.publicPaths.contains(request.uri.path), !request.uri.path.hasPrefix("/admin"), !Self.isConsole(request.uri.path) {
                guard let secret = Self.presentedKey(request) else {
                    throw ClawError(.unauthenticated, "missing API key: send Authorization: Bearer <key>")
                }
                guard let key = try await store.authenticate(secret: secret) else {
                    throw ClawError(.unauthenticated, "invalid, expired or revoked API key")
                }
                context.orgID = key.orgID
                context.apiKeyID = key.id
            }
        }
        return try await next(request, context)
    }

    static func isConsole(_ path: String) -> Bool { path == "/console" || path.hasPrefix("/console/") }

    static func presentedKey(_ request: Request) -> String? {
        if let auth = request.headers[.authorization] {
            let parts = auth.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                return String(parts[1]).trimmingCharacters(in: .whitespaces)
            }
            return nil
        }
        return request.headers[.init("X-API-Key")!]
    }
}
