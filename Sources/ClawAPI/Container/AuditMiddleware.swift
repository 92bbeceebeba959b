import ClawCore
import ClawStore
import Hummingbird

/// The container API's audit log (`GET /container/audit-log`), fed for every dialect: placed
/// before authentication it records refused credentials (401; a 429 is recorded by the rate
/// limiter, which knows the key); placed after it, every mutating call with its actor and
/// outcome. Only method, path, ids and codes are kept, never bodies.
struct AuditMiddleware: RouterMiddleware {
    typealias Context = APIContext
    enum Stage { case denials, mutations }

    let runs: ContainerRunStore?
    let stage: Stage

    static let mutating: Set<HTTPRequest.Method> = [.post, .put, .patch, .delete]

    func handle(_ request: Request, context: APIContext,
                next: (Request, APIContext) async throws -> Response) async throws -> Response {
        guard let runs else { return try await next(request, context) }
        let path = request.uri.path
        switch stage {
        case .denials:
            do {
                return try await next(request, context)
            } catch let error as ClawError where error.code == .unauthenticated {
                await ContainerAudit(runs: runs).denied(request, context, error)
                throw error
            }
        case .mutations:
            guard Self.mutating.contains(request.method) else { return try await next(request, context) }
            func record(_ outcome: String, _ detail: String?) async {
                await ContainerAudit(runs: runs).record(context, request.method.rawValue, target: path, outcome: outcome, detail: detail)
            }
            do {
                let response = try await next(request, context)
                await record(String(response.status.code), nil)
                return response
            } catch let error as ClawError {
                await record(error.code.rawValue, error.message)
                throw error
            } catch {
                await record("error", nil)
                throw error
            }
        }
    }
}
