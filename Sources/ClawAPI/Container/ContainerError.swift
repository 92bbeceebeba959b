import ClawCore
import Hummingbird

/// The container dialect's error body: `{"error": "<human text>", "code": "<machine_code>"}`
/// with the matching status; a conflict is 409 here (ClawHosters says 422).
enum ContainerError {
    /// `/api/v1/container[/…]` and `/api/v1/channels[/…]`: checked before the ClawHosters
    /// prefix `/api/v1`, so these paths never answer in the ClawHosters shape.
    static func owns(path: String) -> Bool {
        for prefix in ["/api/v1/container", "/api/v1/channels"] {
            if path == prefix || path.hasPrefix(prefix + "/") { return true }
        }
        return false
    }

    static func response(for error: ClawError) -> Response {
        let status: HTTPResponse.Status = switch error.code {
        case .invalidArgument: .badRequest
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .conflict: .conflict
        case .rateLimited: .tooManyRequests
        case .payloadTooLarge: .contentTooLarge
        case .unavailable, .runtime: .serviceUnavailable
        case .insufficientBalance, .timeout, .config, .storage, .internal: .internalServerError
        case .storageFull: .insufficientStorage
        }
        return JSONResponse.make(status, Body(error: error.message, code: error.code.rawValue, param: error.param))
    }

    /// `{"error": "<human text>", "code": "<machine_code>", "param"?: "<field>"}`.
    struct Body: Codable {
        var error: String
        var code: String
        var param: String?
    }
}
