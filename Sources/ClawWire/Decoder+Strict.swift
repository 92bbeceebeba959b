/// Strict objects: a key the type does not declare is refused, naming it (`unknown field 'x.y'`).
extension Decoder {
    /// The keyed container of `K`, after checking that the object has no other keys.
    public func strictContainer<K: CodingKey & CaseIterable>(keyedBy type: K.Type) throws -> KeyedDecodingContainer<K> {
        let all = try container(keyedBy: AnyCodingKey.self)
        let known = Set(K.allCases.map(\.stringValue))
        if let unknown = all.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw DecodingError.dataCorrupted(.init(
                codingPath: codingPath + [AnyCodingKey(unknown)], debugDescription: "unknown field",
                underlyingError: WireFieldError("is not a known field")))
        }
        return try container(keyedBy: type)
    }
}

/// A key built from any string or index (for reading keys a type does not declare).
public struct AnyCodingKey: CodingKey, Hashable, Sendable {
    public var stringValue: String
    public var intValue: Int?
    public init(_ string: String) { stringValue = string; intValue = nil }
    public init?(stringValue: String) { self.init(stringValue) }
    public init?(intValue: Int) { stringValue = "\(intValue)"; self.intValue = intValue }
}
