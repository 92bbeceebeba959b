import ClawCore
import ClawWire

/// An array being recorded: one element is read, its schema is the items' schema.
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
