/// A request that takes no fields (start, stop, approve, …): `{}` or no body; any field is refused.
public struct EmptyRequest: Codable, Sendable, Equatable {
    public init() {}

    public init(from decoder: any Decoder) throws {
        _ = try decoder.strictContainer(keyedBy: NoKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        _ = encoder.container(keyedBy: NoKeys.self)
    }

    struct NoKeys: CodingKey, CaseIterable {
        static var allCases: [NoKeys] { [] }
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { nil }
        init?(intValue: Int) { nil }
    }
}
