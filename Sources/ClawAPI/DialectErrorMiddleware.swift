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
            if [.internal, .storage, .storageFull].contains(claw.code) {
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
            guard let known = httpStatuses[e.status] else {
                return ClawError(.internal, text ?? "request failed (\(e.status.code))")
            }
            return ClawError(known.code, known.keepsBody ? text ?? known.message : known.message)
        }
        if error is DecodingError { return ClawError(.invalidArgument, "malformed JSON body") }
        return ClawError(.internal, "internal error")
    }
}

/// Hummingbird's statuses that have a code of their own, with the message to use when
/// Hummingbird gives no body (`keepsBody: false`: this message always); any other is `internal`.
private let httpStatuses: [HTTPResponse.Status: (code: ClawError.Code, message: String, keepsBody: Bool)] = [
    .notFound: (.notFound, "no such route", true),
    .contentTooLarge: (.payloadTooLarge, "request body is too large", false),
    .methodNotAllowed: (.notFound, "no such route for this method", false),
    .unauthorized: (.unauthenticated, "authentication required", true),
    .forbidden: (.forbidden, "forbidden", true),
    .badRequest: (.invalidArgument, "bad request", true),
    .unprocessableContent: (.invalidArgument, "bad request", true),
]
