/// A field that distinguishes absent from `null` (PATCH: absent keeps, `null` removes).
public enum Presence<Value> {
    case absent
    case null
    case value(Value)

    /// nil when absent; `.some(nil)` when null.
    public var patch: Value?? {
        switch self {
        case .absent: nil
        case .null: .some(nil)
        case .value(let v): .some(v)
        }
    }
}

extension Presence: Sendable where Value: Sendable {}
extension Presence: Equatable where Value: Equatable {}

extension KeyedDecodingContainer {
    /// Reads `key` as absent, `null` or a value.
    public func decodePresence<V: Decodable>(_ type: V.Type, forKey key: Key) throws -> Presence<V> {
        guard contains(key) else { return .absent }
        if try decodeNil(forKey: key) { return .null }
        return .value(try decode(type, forKey: key))
    }
}
