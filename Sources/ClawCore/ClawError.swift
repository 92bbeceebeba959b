/// The one error type of clawd: a code from a closed set, a human message, an optional field
/// and cause. Each API dialect maps every code to HTTP in one exhaustive `switch`, so a new code
/// does not compile until each dialect has decided its status and shape.
public struct ClawError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable, CaseIterable, CustomStringConvertible {
        case invalidArgument = "invalid_argument"
        case unauthenticated
        /// The caller is known but may not do this (403 in every dialect), e.g. an org key on a host-wide control.
        case forbidden
        case insufficientBalance = "insufficient_balance"
        case notFound = "not_found"
        /// The path exists, under another method (405 where a dialect says so, else 404).
        case methodNotAllowed = "method_not_allowed"
        case conflict
        /// Too many requests; `retryAfterSeconds` says when to try again.
        case rateLimited = "rate_limited"
        case payloadTooLarge = "payload_too_large"
        case timeout
        /// A container runtime call failed (non-zero exit, bad output); the message keeps its stderr.
        case runtime
        /// A dependency (runtime binary, database) cannot be reached at all.
        case unavailable
        case config
        case storage
        case `internal`
        /// The disk holding the data directory is full: the write was not committed (nothing of
        /// it is kept); reads still work, and writes do again once space is freed.
        case storageFull = "storage_full"

        public var description: String { rawValue }
    }

    public var code: Code
    public var message: String
    /// The request field the error is about, when there is one.
    public var param: String?
    /// Whole seconds the caller should wait before retrying (`Retry-After` in every dialect).
    public var retryAfterSeconds: Int?
    public var cause: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, param: String? = nil, retryAfterSeconds: Int? = nil,
                cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.param = param
        self.retryAfterSeconds = retryAfterSeconds
        self.cause = cause
    }

    public var description: String {
        var s = "\(code): \(message)"
        if let cause { s += " (cause: \(cause))" }
        return s
    }
}
