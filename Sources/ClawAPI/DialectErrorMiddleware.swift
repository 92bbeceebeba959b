import ClawCore
import Hummingbird
import Logging

/// Catches every error a route throws and answers it in the error shape of the dialect the
/// request belongs to: no domain error ever reaches Hummingbird's empty 500.
struct DialectErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger = Logger(label: "clawd.api")

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let claw = Self.clawError(error)
            if claw.code == .internal || claw.code == .storage {
                logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            }
            return Dialect.of(path: request.uri.path).response(for: claw)
        }
    }

    /// Hummingbird's own errors (no route, body too large, bad method) as `ClawError`s.
    static func clawError(_ error: any Error) -> ClawError {
        if let e = error as? ClawError { return e }
        if let e = error as? any HTTPResponseError {
            let text = (e as? HTTPError)?.body
            switch e.status {
            case .notFound: return ClawError(.notFound, text ?? "no such route")
            case .contentTooLarge: return ClawError(.payloadTooLarge, "request body is too large")
            case .methodNotAllowed: return ClawError(.notFound, "no such route for this method")
            case .unauthorized: return ClawError(.unauthenticated, text ?? "authentication required")
            case .forbidden: return ClawError(.forbidden, text ?? "forbidden")
            case .badRequest, .unprocessableContent: return ClawError(.invalidArgument, text ?? "bad request")
            default: return ClawError(.internal, text ?? "request failed (\(e.status.code))")
            }
        }
        if error is DecodingError { return ClawError(.invalidArgument, "malformed JSON body") }
        return ClawError(.internal, "internal error")
    }
}
