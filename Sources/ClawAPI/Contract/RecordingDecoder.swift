import ClawWire

/// The decoder `SchemaRecorder` hands to a type's `init(from:)`: every key is present, nothing
/// is null, and each value read is a sample whose schema is written into the node.
struct RecordingDecoder: Decoder {
    let recorder: SchemaRecorder
    let node: RecordingNode
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        node.kind = .keyed
        return KeyedDecodingContainer(RecordingKeyed<Key>(recorder: recorder, node: node, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        node.kind = .unkeyed
        return RecordingUnkeyed(recorder: recorder, node: node, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        if node.kind == .untouched { node.kind = .single }
        return RecordingSingle(recorder: recorder, node: node, codingPath: codingPath)
    }
}

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

struct RecordingUnkeyed: UnkeyedDecodingContainer {
    let recorder: SchemaRecorder
    let node: RecordingNode
    var codingPath: [any CodingKey]
    var count: Int? { 1 }
    var currentIndex = 0
    var isAtEnd: Bool { currentIndex > 0 }

    mutating func decodeNil() throws -> Bool {
        node.itemsNullable = true
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try record(type) }

    mutating func record<T: Decodable>(_ type: T.Type) throws -> T {
        let (schema, value) = try recorder.walk(type, at: codingPath + [AnyCodingKey(intValue: currentIndex)!])
        node.items = schema
        currentIndex += 1
        return value
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try record(Bool.self) }
    mutating func decode(_ type: String.Type) throws -> String { try record(String.self) }
    mutating func decode(_ type: Double.Type) throws -> Double { try record(Double.self) }
    mutating func decode(_ type: Float.Type) throws -> Float { try record(Float.self) }
    mutating func decode(_ type: Int.Type) throws -> Int { try record(Int.self) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try record(Int8.self) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try record(Int16.self) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try record(Int32.self) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try record(Int64.self) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try record(UInt.self) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try record(UInt8.self) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try record(UInt16.self) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try record(UInt32.self) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try record(UInt64.self) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey> {
        let child = RecordingNode()
        child.kind = .keyed
        node.itemNode = child
        currentIndex += 1
        return KeyedDecodingContainer(RecordingKeyed<NestedKey>(recorder: recorder, node: child, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let child = RecordingNode()
        child.kind = .unkeyed
        node.itemNode = child
        currentIndex += 1
        return RecordingUnkeyed(recorder: recorder, node: child, codingPath: codingPath)
    }

    mutating func superDecoder() throws -> any Decoder {
        let child = RecordingNode()
        node.itemNode = child
        currentIndex += 1
        return RecordingDecoder(recorder: recorder, node: child, codingPath: codingPath)
    }
}

struct RecordingSingle: SingleValueDecodingContainer {
    let recorder: SchemaRecorder
    let node: RecordingNode
    var codingPath: [any CodingKey]

    func decodeNil() -> Bool {
        node.singleNullable = true
        return false
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try record(type) }

    func record<T: Decodable>(_ type: T.Type) throws -> T {
        let (schema, value) = try recorder.walk(type, at: codingPath)
        node.kind = .single
        node.single = schema
        return value
    }

    func decode(_ type: Bool.Type) throws -> Bool { try record(Bool.self) }
    func decode(_ type: String.Type) throws -> String { try record(String.self) }
    func decode(_ type: Double.Type) throws -> Double { try record(Double.self) }
    func decode(_ type: Float.Type) throws -> Float { try record(Float.self) }
    func decode(_ type: Int.Type) throws -> Int { try record(Int.self) }
    func decode(_ type: Int8.Type) throws -> Int8 { try record(Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try record(Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try record(Int32.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try record(Int64.self) }
    func decode(_ type: UInt.Type) throws -> UInt { try record(UInt.self) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try record(UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try record(UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try record(UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try record(UInt64.self) }
}
