/// The error answer of the Claw dialect and of native/admin routes (LemonData's envelope):
/// `{"error": {"message", "type", "code", "param"?}}`.
public struct ClawErrorEnvelope: Codable, Sendable, Equatable {
    public struct Detail: Codable, Sendable, Equatable {
        public var message: String
        public var type: String
        public var code: String
        public var param: String?
        public init(message: String, type: String, code: String, param: String?) {
            self.message = message
            self.type = type
            self.code = code
            self.param = param
        }
    }

    public var error: Detail
    public init(error: Detail) { self.error = error }
}
