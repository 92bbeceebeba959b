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
