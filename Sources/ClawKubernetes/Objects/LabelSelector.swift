/// A selector by exact label values (`matchLabels`), the only form clawd writes.
public struct LabelSelector: Codable, Sendable, Equatable {
    public var matchLabels: [String: String]?

    public init(matchLabels: [String: String]?) { self.matchLabels = matchLabels }

    /// `a=b,c=d` in key order, the `labelSelector` query form of the same selector.
    public var query: String {
        (matchLabels ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
}
