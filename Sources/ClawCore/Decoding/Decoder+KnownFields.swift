/// Strict documents: a key the type does not define is refused, naming it by its dotted path
/// (`'schedule.tz' is not a known field`), for request bodies (ClawWire) and for ClawCore's own
/// documents (a group's container config, the mount allowlist) wherever they are read from.
extension Decoder {
    /// Refuses any key of this object outside `known`.
    public func refuseUnknownFields(_ known: Set<String>) throws {
        let keys = try container(keyedBy: AnyCodingKey.self).allKeys.map(\.stringValue).sorted()
        if let unknown = keys.first(where: { !known.contains($0) }) {
            let field = AnyCodingKey.path(codingPath + [AnyCodingKey(unknown)])
            throw ClawError(.invalidArgument, "'\(field)' is not a known field", param: field)
        }
    }

    /// The keyed container of `K`, after checking that the object has no other keys.
    public func strictContainer<K: CodingKey & CaseIterable>(keyedBy type: K.Type) throws -> KeyedDecodingContainer<K> {
        try refuseUnknownFields(Set(K.allCases.map(\.stringValue)))
        return try container(keyedBy: type)
    }

    /// The field being decoded, as `a.b[2].c`.
    public var fieldPath: String { AnyCodingKey.path(codingPath) }
}

/// A key built from any string or index (for reading keys a type does not declare).
public struct AnyCodingKey: CodingKey, Hashable, Sendable {
    public var stringValue: String
    public var intValue: Int?
    public init(_ string: String) { stringValue = string; intValue = nil }
    public init(stringValue: String) { self.init(stringValue) }
    public init?(intValue: Int) { stringValue = "\(intValue)"; self.intValue = intValue }

    /// A field's dotted path: `a.b[2].c`.
    public static func path(_ codingPath: [any CodingKey]) -> String {
        var out = ""
        for key in codingPath {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += out.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return out
    }
}
