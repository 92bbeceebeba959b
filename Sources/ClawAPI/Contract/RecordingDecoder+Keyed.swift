import ClawWire

/// An object being recorded: each key read becomes a property, required unless `contains` or
/// `decodeIfPresent` asked first, nullable when `decodeNil` did.
struct RecordingKeyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let recorder: SchemaRecorder
    let node: RecordingNode
    var codingPath: [any CodingKey]

    var allKeys: [Key] {
        node.strict = true
        return []
    }

    func contains(_ key: Key) -> Bool {
        node.optional.insert(key.stringValue)
        return true
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        node.nullable.insert(key.stringValue)
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try record(type, forKey: key) }

    func record<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let (schema, value) = try recorder.walk(type, at: codingPath + [key])
        node.read.insert(key.stringValue)
        node.properties[key.stringValue] = schema
        return value
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try record(Bool.self, forKey: key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try record(String.self, forKey: key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try record(Double.self, forKey: key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try record(Float.self, forKey: key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try record(Int.self, forKey: key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try record(Int8.self, forKey: key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try record(Int16.self, forKey: key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try record(Int32.self, forKey: key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try record(Int64.self, forKey: key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try record(UInt.self, forKey: key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try record(UInt8.self, forKey: key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try record(UInt16.self, forKey: key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try record(UInt32.self, forKey: key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try record(UInt64.self, forKey: key) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey> {
        let child = RecordingNode()
        child.kind = .keyed
        node.read.insert(key.stringValue)
        node.children[key.stringValue] = child
        return KeyedDecodingContainer(RecordingKeyed<NestedKey>(recorder: recorder, node: child, codingPath: codingPath + [key]))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let child = RecordingNode()
        child.kind = .unkeyed
        node.read.insert(key.stringValue)
        node.children[key.stringValue] = child
        return RecordingUnkeyed(recorder: recorder, node: child, codingPath: codingPath + [key])
    }

    func superDecoder() throws -> any Decoder { RecordingDecoder(recorder: recorder, node: node, codingPath: codingPath) }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        let child = RecordingNode()
        node.read.insert(key.stringValue)
        node.children[key.stringValue] = child
        return RecordingDecoder(recorder: recorder, node: child, codingPath: codingPath + [key])
    }
}
