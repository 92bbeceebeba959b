/// A refusal of the API server, from its `Status` answer.
public struct KubeAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The HTTP status (404, 409, 410, 422, ...).
    public var code: Int
    /// `Status.reason`: `NotFound`, `AlreadyExists`, `Conflict`, `Expired`, `Invalid`, ...
    public var reason: String
    public var message: String

    public init(code: Int, reason: String, message: String) {
        self.code = code
        self.reason = reason
        self.message = message
    }

    public var description: String { "kubernetes API \(code) \(reason): \(message)" }
    public var isNotFound: Bool { code == 404 }
    public var isConflict: Bool { code == 409 }
    public var isGone: Bool { code == 410 }
}
