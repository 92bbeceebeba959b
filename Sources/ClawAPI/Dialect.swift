import ClawCore
import ClawWire
import Hummingbird

/// The three API dialects (plus native/admin, which answer in the Claw envelope).
enum Dialect {
    case claw
    case hosters
    case container

    static func of(path: String) -> Dialect {
        if ContainerError.owns(path: path) { return .container }
        if path.hasPrefix("/api/v1") { return .hosters }
        return .claw
    }

    /// The Claw dialect's status of each code (ClawHosters and the container API have their own).
    static func status(_ code: ClawError.Code) -> HTTPResponse.Status {
        switch code {
        case .invalidArgument: .badRequest
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .insufficientBalance: .init(code: 402, reasonPhrase: "Payment Required")
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .conflict: .conflict
        case .rateLimited: .tooManyRequests
        case .payloadTooLarge: .contentTooLarge
        case .timeout: .requestTimeout
        case .unavailable, .runtime: .serviceUnavailable
        case .config, .storage, .internal: .internalServerError
        case .storageFull: .insufficientStorage
        }
    }

    /// The answer for `error` in this dialect, with `Retry-After` when the error carries one.
    func response(for error: ClawError) -> Response {
        var response = switch self {
        case .claw: clawResponse(error)
        case .hosters: HostersError.response(for: error)
        case .container: ContainerError.response(for: error)
        }
        if let seconds = error.retryAfterSeconds { response.headers[.retryAfter] = "\(seconds)" }
        return response
    }

    /// LemonData envelope: `{"error": {"message", "type", "code", "param"?}}`.
    private func clawResponse(_ error: ClawError) -> Response {
        let type: String = switch error.code {
        case .invalidArgument, .payloadTooLarge, .methodNotAllowed: "invalid_request_error"
        case .unauthenticated: "authentication_error"
        case .forbidden: "permission_error"
        case .insufficientBalance: "insufficient_balance"
        case .notFound: "not_found"
        case .conflict: "conflict"
        case .rateLimited: "rate_limit_exceeded"
        case .timeout, .runtime, .unavailable, .config, .storage, .internal: "internal_error"
        case .storageFull: "storage_full"
        }
        return JSONResponse.make(Self.status(error.code), ClawErrorEnvelope(error: .init(
            message: error.message, type: type, code: error.code.rawValue, param: error.param)))
    }
}
