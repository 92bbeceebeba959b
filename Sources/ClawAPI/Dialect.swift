import ClawCore
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

    static func status(_ code: ClawError.Code) -> HTTPResponse.Status {
        switch code {
        case .invalidArgument: .badRequest
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .insufficientBalance: .init(code: 402, reasonPhrase: "Payment Required")
        case .notFound: .notFound
        case .conflict: .conflict
        case .rateLimited: .tooManyRequests
        case .payloadTooLarge: .contentTooLarge
        case .timeout: .requestTimeout
        case .unavailable, .runtime: .serviceUnavailable
        default: .internalServerError
        }
    }

    func response(for error: ClawError) -> Response {
        switch self {
        case .claw: return clawResponse(error)
        case .hosters: return HostersError.response(for: error)
        case .container: return ContainerError.response(for: error)
        }
    }

    /// LemonData envelope: `{"error": {"message", "type", "code", "param"?}}`.
    private func clawResponse(_ error: ClawError) -> Response {
        let type: String = switch error.code {
        case .invalidArgument, .payloadTooLarge: "invalid_request_error"
        case .unauthenticated: "authentication_error"
        case .forbidden: "permission_error"
        case .insufficientBalance: "insufficient_balance"
        case .notFound: "not_found"
        case .conflict: "conflict"
        case .rateLimited: "rate_limit_exceeded"
        default: "internal_error"
        }
        struct Body: Encodable {
            struct Inner: Encodable { var message: String; var type: String; var code: String; var param: String? }
            var error: Inner
        }
        return JSONResponse.make(Self.status(error.code),
                                 Body(error: .init(message: error.message, type: type, code: error.code.rawValue, param: error.param)))
    }

    /// ClawHosters envelope: `{"error": {"code", "message", "details"?}}`; illegal state is 422 there.
    private func hostersResponse(_ error: ClawError) -> Response {
        let status: HTTPResponse.Status = error.code == .conflict ? .unprocessableContent : Self.status(error.code)
        let code: String = switch error.code {
        case .invalidArgument: "validation_error"
        case .unauthenticated: "unauthorized"
        case .forbidden: "forbidden"
        case .insufficientBalance: "insufficient_balance"
        case .notFound: "not_found"
        case .conflict: "invalid_state"
        case .rateLimited: "rate_limit_exceeded"
        default: error.code == .internal ? "internal_error" : error.code.rawValue
        }
        struct Body: Encodable {
            struct Inner: Encodable { var code: String; var message: String; var details: [String: String]? }
            var error: Inner
        }
        let details = error.param.map { [$0: error.message] }
        return JSONResponse.make(status, Body(error: .init(code: code, message: error.message, details: details)))
    }
}
