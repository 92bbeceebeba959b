import ClawCore
import ClawWire
import Hummingbird

/// The ClawHosters error envelope `{"error": {"code", "message", "details"?}}` (docs/spec/api-hosters.md):
/// 401 `unauthorized`, 404 `not_found`, 405 `method_not_allowed`, 413 `payload_too_large`,
/// 422 `unprocessable_entity` (validation with `details`, or an action the state does not allow,
/// or a balance that does not cover it), 429 `rate_limit_exceeded`, 500 `internal_error`.
public enum HostersError {
    /// 404 `not_found` "Instance not found": a missing instance and another org's alike.
    static func instanceNotFound() -> ClawError { ClawError(.notFound, "Instance not found") }

    /// 404 `not_found` for any other object, e.g. `notFound("Backup")`.
    static func notFound(_ what: String) -> ClawError { ClawError(.notFound, "\(what) not found") }

    /// 422 "Validation failed" with `details: {field: problem}`.
    static func validation(_ field: String, _ problem: String) -> ClawError {
        ClawError(.invalidArgument, problem, param: field)
    }

    /// 422 for an action the current state does not allow.
    static func unprocessable(_ message: String) -> ClawError { ClawError(.conflict, message) }

    /// The answer for `error` in this dialect.
    static func response(for error: ClawError) -> Response {
        let (status, code) = statusAndCode(error.code)
        var message = error.message
        var details: [String: String]?
        if error.code == .unauthenticated {
            message = "Invalid or missing API key"
        } else if error.code == .invalidArgument, let param = error.param {
            message = "Validation failed"
            details = [param: Self.problem(error.message, field: param)]
        }
        return JSONResponse.make(status, HostersErrorEnvelope(error: .init(code: code, message: message, details: details)))
    }

    static func statusAndCode(_ code: ClawError.Code) -> (HTTPResponse.Status, String) {
        switch code {
        case .unauthenticated: (.unauthorized, "unauthorized")
        case .forbidden: (.forbidden, "forbidden")
        case .notFound: (.notFound, "not_found")
        case .methodNotAllowed: (.methodNotAllowed, "method_not_allowed")
        case .payloadTooLarge: (.contentTooLarge, "payload_too_large")
        case .invalidArgument, .conflict, .insufficientBalance: (.unprocessableContent, "unprocessable_entity")
        case .rateLimited: (.tooManyRequests, "rate_limit_exceeded")
        case .timeout: (.requestTimeout, "request_timeout")
        case .unavailable, .runtime: (.serviceUnavailable, "service_unavailable")
        case .config, .storage, .internal: (.internalServerError, "internal_error")
        case .storageFull: (.insufficientStorage, "insufficient_storage")
        }
    }

    /// The problem without the field name the shared validators put in front ("'x' is required" → "is required").
    static func problem(_ message: String, field: String) -> String {
        let quoted = "'\(field)' "
        return message.hasPrefix(quoted) ? String(message.dropFirst(quoted.count)) : message
    }
}
