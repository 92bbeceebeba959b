/// What one value's decoding asked for: an object's keys, an array's elements or a single value.
final class RecordingNode {
    enum Kind { case untouched, keyed, unkeyed, single }

    var kind = Kind.untouched
    var properties: [String: JSONSchema] = [:]
    var children: [String: RecordingNode] = [:]
    var read: Set<String> = []
    var optional: Set<String> = []
    var nullable: Set<String> = []
    /// `allKeys` was read: the type checks for keys it does not know.
    var strict = false
    var items: JSONSchema?
    var itemNode: RecordingNode?
    var itemsNullable = false
    var single: JSONSchema?
    var singleNullable = false

    func schema(recorder: SchemaRecorder) throws -> JSONSchema {
        switch kind {
        case .untouched:
            return JSONSchema()
        case .single:
            let s = single ?? JSONSchema()
            return singleNullable ? s.nullable : s
        case .unkeyed:
            var element = try items ?? itemNode?.schema(recorder: recorder) ?? JSONSchema()
            if itemsNullable { element = element.nullable }
            return .array(of: element)
        case .keyed:
            var s = JSONSchema.type("object")
            var props = properties
            for (key, child) in children { props[key] = try child.schema(recorder: recorder) }
            for key in nullable { props[key] = (props[key] ?? JSONSchema()).nullable }
            s.properties = props
            let required = read.subtracting(optional).sorted()
            s.required = required.isEmpty ? nil : required
            if strict { s.additionalProperties = .forbidden }
            return s
        }
    }
}
