/// Integers read through `JSONValue`, so that `1.5`, `1e30` or `true` name the field: Foundation's
/// own `decode(Int.self…)` reports a non-integral number as invalid JSON with no field path.
extension KeyedDecodingContainer {
    public func decodeInteger(forKey key: Key) throws -> Int {
        let value = try decode(JSONValue.self, forKey: key)
        guard let n = value.int else {
            if value.isNull {
                throw DecodingError.valueNotFound(Int.self, .init(codingPath: codingPath + [key], debugDescription: "null"))
            }
            throw DecodingError.typeMismatch(Int.self, .init(codingPath: codingPath + [key], debugDescription: "not an integer"))
        }
        return n
    }

    public func decodeIntegerIfPresent(forKey key: Key) throws -> Int? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeInteger(forKey: key)
    }
}
