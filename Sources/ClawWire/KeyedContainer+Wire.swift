extension KeyedDecodingContainer {
    /// A JSON object of any values, absent or null told apart; any other shape is refused as a
    /// whole, naming the field (`'imConfig' must be a JSON object`).
    public func decodeJSONObject(forKey key: Key) throws -> Presence<[String: JSONValue]> {
        guard contains(key) else { return .absent }
        if try decodeNil(forKey: key) { return .null }
        guard let object = try decode(JSONValue.self, forKey: key).object else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath + [key], debugDescription: "not an object",
                                                   underlyingError: WireFieldError("must be a JSON object")))
        }
        return .value(object)
    }

    /// An integer field, absent or null told apart.
    public func decodeIntegerPresence(forKey key: Key) throws -> Presence<Int> {
        guard contains(key) else { return .absent }
        if try decodeNil(forKey: key) { return .null }
        return .value(try decodeInteger(forKey: key))
    }
}

extension KeyedEncodingContainer {
    /// Writes nothing when absent, `null` when null.
    public mutating func encodePresence<V: Encodable>(_ value: Presence<V>, forKey key: Key) throws {
        switch value {
        case .absent: break
        case .null: try encodeNil(forKey: key)
        case .value(let v): try encode(v, forKey: key)
        }
    }
}
