extension KeyedDecodingContainer {
    /// An object of string values, absent or null told apart. Any other shape is refused as a
    /// whole, naming the field (`'imConfig' must be an object of string values`).
    public func decodeStringMap(forKey key: Key) throws -> Presence<[String: String]> {
        guard contains(key) else { return .absent }
        if try decodeNil(forKey: key) { return .null }
        guard let object = try decode(JSONValue.self, forKey: key).object else { throw notStringMap(key) }
        var map: [String: String] = [:]
        for (k, v) in object {
            guard let s = v.string else { throw notStringMap(key) }
            map[k] = s
        }
        return .value(map)
    }

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

    func notStringMap(_ key: Key) -> DecodingError {
        .dataCorrupted(.init(codingPath: codingPath + [key], debugDescription: "not an object of strings",
                             underlyingError: WireFieldError("must be an object of string values")))
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
