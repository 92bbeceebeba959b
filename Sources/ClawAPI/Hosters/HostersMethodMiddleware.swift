import ClawCore
import Hummingbird

/// Hummingbird answers a known path under an unknown method as a missing route. Under the
/// ClawHosters prefix this turns that into 405 `method_not_allowed` with an `Allow` header,
/// using the documented route table (`OpenAPI.routes`, which a test keeps equal to the routers).
struct HostersMethodMiddleware: RouterMiddleware {
    typealias Context = APIContext

    func handle(_ request: Request, context: APIContext,
                next: (Request, APIContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let path = request.uri.path
            guard Dialect.of(path: path) == .hosters else { throw error }
            let allowed = Self.methods(for: path, socket: context.isAdmin)
            guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else { throw error }
            var response = HostersError.response(for: ClawError(
                .methodNotAllowed, "Method \(request.method.rawValue) is not allowed here; use \(allowed.joined(separator: ", "))"))
            response.headers[.allow] = allowed.joined(separator: ", ")
            return response
        }
    }

    /// The documented methods whose path template matches `path`.
    static func methods(for path: String, socket: Bool) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var out: Set<String> = []
        for route in OpenAPI.routes where socket || !route.socketOnly {
            let template = route.path.split(separator: "/", omittingEmptySubsequences: false)
            guard template.count == segments.count else { continue }
            if zip(template, segments).allSatisfy({ t, s in t == s || (t.hasPrefix("{") && !s.isEmpty) }) {
                out.insert(route.method)
            }
        }
        return out.sorted()
    }
}
