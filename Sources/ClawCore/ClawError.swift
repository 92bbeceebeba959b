/// The one error type of clawd: an opaque code, a human message, an optional field and cause.
/// Each API dialect maps it to HTTP in exactly one place.
public struct ClawError: Error, CustomStringConvertible, Sendable {
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let invalidArgument = Code(rawValue: "invalid_argument")
        public static let unauthenticated = Code(rawValue: "unauthenticated")
        /// The caller is known but may not do this (403 in every dialect), e.g. an org key on a host-wide control.
        public static let forbidden = Code(rawValue: "forbidden")
        public static let insufficientBalance = Code(rawValue: "insufficient_balance")
        public static let notFound = Code(rawValue: "not_found")
        public static let conflict = Code(rawValue: "conflict")
        public static let rateLimited = Code(rawValue: "rate_limited")
        public static let payloadTooLarge = Code(rawValue: "payload_too_large")
        public static let timeout = Code(rawValue: "timeout")
        /// A container runtime call failed (non-zero exit, bad output); the message keeps its stderr.
        public static let runtime = Code(rawValue: "runtime")
        /// A dependency (runtime binary, database) cannot be reached at all.
        public static let unavailable = Code(rawValue: "unavailable")
        public static let config = Code(rawValue: "config")
        public static let storage = Code(rawValue: "storage")
        public static let `internal` = Code(rawValue: "internal")
    }

    public var code: Code
    public var message: String
    /// The request field the error is about, when there is one.
    public var param: String?
    public var cause: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, param: String? = nil, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.param = param
        self.cause = cause
    }

    public var description: String {
        var s = "\(code): \(message)"
        if let cause { s += " (cause: \(cause))" }
        return s
    }
}
