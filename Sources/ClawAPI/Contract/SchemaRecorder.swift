import ClawCore
import ClawWire
import Foundation

/// Derives a JSON Schema from a `Decodable` type by running its `init(from:)` against a decoder
/// that answers every question and writes down what was asked: the keys read, which of them were
/// optional (`decodeIfPresent`, `contains`) or nullable (`decodeNil`), the nested types, the
/// element type of arrays, and whether unknown keys are refused (`allKeys` read). Objects become
/// named components (`#/components/schemas/<Type>`); raw-valued `CaseIterable` enums become `enum`s.
final class SchemaRecorder {
    private(set) var components: [String: JSONSchema] = [:]
    /// Which candidate a free JSON value (`JSONValue`) at a field gets: a type that reads it as an
    /// integer refuses an object, so the walk is retried with the next candidate.
    private var jsonChoices: [String: Int] = [:]
    private var lastJSONField: String?
    private var enclosing: [String] = []

    private static let jsonCandidates: [(JSONSchema, JSONValue)] = [
        (JSONSchema(), .object([:])), (.type("integer"), .int(1)), (.type("string"), .string("a")),
        (.array(of: JSONSchema()), .array([])), (.type("boolean"), .bool(false)), (.type("number"), .double(0.5)),
    ]

    /// The schema of `type` (a `$ref` for objects), its components recorded.
    func schema(for type: any Decodable.Type) throws -> JSONSchema { try schemaAndSample(for: type).0 }

    /// The schema of `type` and the value its walk produced (what a test encodes and checks).
    func schemaAndSample(for type: any Decodable.Type) throws -> (JSONSchema, Any) {
        func open<T: Decodable>(_ t: T.Type) throws -> (JSONSchema, Any) { try walkRetrying(t) }
        return try open(type)
    }

    private func walkRetrying<T: Decodable>(_ type: T.Type) throws -> (JSONSchema, Any) {
        while true {
            lastJSONField = nil
            do {
                let (schema, value) = try walk(type, at: [])
                return (schema, value)
            } catch {
                guard let field = lastJSONField, jsonChoices[field, default: 0] + 1 < Self.jsonCandidates.count else {
                    throw error
                }
                jsonChoices[field, default: 0] += 1
            }
        }
    }

    /// The component a `$ref` names, or the schema itself.
    func resolve(_ schema: JSONSchema) -> JSONSchema {
        guard let ref = schema.ref, let name = ref.split(separator: "/").last else { return schema }
        return components[String(name)] ?? schema
    }

    /// The schema of `T` and a value of it.
    func walk<T: Decodable>(_ type: T.Type, at path: [any CodingKey]) throws -> (JSONSchema, T) {
        if let s = T.self as? any Schematic.Type { return (s.schema, s.sample as! T) }
        if let p = Self.primitive(T.self) { return (p.0, p.1 as! T) }
        if T.self == JSONValue.self {
            let field = (enclosing.last ?? "") + "|" + AnyCodingKey.path(path)
            lastJSONField = field
            let candidate = Self.jsonCandidates[jsonChoices[field, default: 0]]
            return (candidate.0, candidate.1 as! T)
        }
        if let map = T.self as? any StringKeyedMap.Type {
            func open<V: Decodable>(_ v: V.Type) throws -> JSONSchema { try walk(v, at: path).0 }
            return (.map(of: try open(map.valueType)), map.empty as! T)
        }
        if let e = T.self as? any (CaseIterable & RawRepresentable).Type, let found = Self.enumeration(e) {
            return (found.0, found.1 as! T)
        }
        let name = Self.componentName(T.self)
        enclosing.append(name)
        defer { enclosing.removeLast() }
        let node = RecordingNode()
        let value = try T(from: RecordingDecoder(recorder: self, node: node, codingPath: path))
        let schema = try node.schema(recorder: self)
        guard schema.type == ["object"], schema.properties != nil else { return (schema, value) }
        components[name] = schema
        return (.ref(name), value)
    }

    static func primitive(_ type: Any.Type) -> (JSONSchema, Any)? {
        switch type {
        case is String.Type: (.type("string"), "")
        case is Bool.Type: (.type("boolean"), false)
        case is Int.Type: (.type("integer"), 0 as Int)
        case is Int64.Type: (.type("integer"), 0 as Int64)
        case is Int32.Type: (.type("integer"), 0 as Int32)
        case is Int16.Type: (.type("integer"), 0 as Int16)
        case is Int8.Type: (.type("integer"), 0 as Int8)
        case is UInt.Type: (.type("integer"), 0 as UInt)
        case is UInt64.Type: (.type("integer"), 0 as UInt64)
        case is UInt32.Type: (.type("integer"), 0 as UInt32)
        case is UInt16.Type: (.type("integer"), 0 as UInt16)
        case is UInt8.Type: (.type("integer"), 0 as UInt8)
        case is Double.Type: (.type("number"), 0 as Double)
        case is Float.Type: (.type("number"), 0 as Float)
        default: nil
        }
    }

    static func enumeration<E: CaseIterable & RawRepresentable>(_ type: E.Type) -> (JSONSchema, Any)? {
        guard let first = E.allCases.first else { return nil }
        let raws = E.allCases.map(\.rawValue)
        if let strings = raws as? [String] { return (.strings(strings), first) }
        if let ints = raws as? [Int] {
            var s = JSONSchema.type("integer")
            s.enumValues = ints.map { .int(Int64($0)) }
            return (s, first)
        }
        return nil
    }

    /// `ClawWire.ChannelWire.Channel` → `ChannelWire.Channel`; generics and other characters
    /// OpenAPI refuses in a component name become `_`.
    static func componentName(_ type: Any.Type) -> String {
        var name = String(reflecting: type)
        for module in ["ClawWire.", "ClawCore.", "ClawAPI.", "ClawStore.", "Swift.", "Foundation."] {
            name = name.replacingOccurrences(of: module, with: "")
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
        var out = String(name.map { allowed.contains($0) ? $0 : "_" })
        while out.hasSuffix("_") { out.removeLast() }
        return out
    }
}
