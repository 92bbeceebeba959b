/// An instance's IM config: one JSON object, validated by the API and then kept and delivered
/// byte for byte (it is the content of the instance's secrets file). It is a secret: stored,
/// written into the volume, never returned by the API, never logged.
public struct IMConfig: Sendable, Equatable {
    /// The JSON text of the object, UTF-8.
    public let json: String

    public init(json: String) { self.json = json }

    /// The file content when an instance has no IM config, so a removed one does not linger.
    public static let empty = IMConfig(json: "{}")
}

extension IMConfig: CustomStringConvertible {
    /// Never the content: an IM config that reaches a log line by accident shows only its size.
    public var description: String { "IMConfig(\(json.utf8.count) bytes)" }
}
