import ClawWire

/// The JSON Schema subset the OpenAPI document uses: `type` (one name, or a list for unions such as
/// `["string", "null"]`), objects, arrays, `enum`, `$ref`, `anyOf`/`oneOf`, and a few value bounds.
public struct JSONSchema: Codable, Sendable, Equatable {
    public var type: [String]?
    public var ref: String?
    public var properties: [String: JSONSchema]?
    public var required: [String]?
    public var additionalProperties: Additional?
    public var enumValues: [JSONValue]?
    public var anyOf: [JSONSchema]?
    public var oneOf: [JSONSchema]?
    public var format: String?
    public var description: String?
    public var minimum: Int64?
    public var maximum: Int64?
    public var minLength: Int?
    public var maxLength: Int?
    /// `contentMediaType` and `contentSchema`: a string holding a document of that type and shape.
    public var contentMediaType: String?
    var contentSchemaBox: [JSONSchema]?
    /// `items`, boxed because a struct cannot hold itself.
    var itemsBox: [JSONSchema]?

    public var items: JSONSchema? {
        get { itemsBox?.first }
        set { itemsBox = newValue.map { [$0] } }
    }

    public var contentSchema: JSONSchema? {
        get { contentSchemaBox?.first }
        set { contentSchemaBox = newValue.map { [$0] } }
    }

    /// `additionalProperties`: `false`, or the schema of every value.
    public indirect enum Additional: Codable, Sendable, Equatable {
        case forbidden
        case schema(JSONSchema)

        public init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let allowed = try? c.decode(Bool.self) {
                self = allowed ? .schema(JSONSchema()) : .forbidden
            } else {
                self = .schema(try c.decode(JSONSchema.self))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .forbidden: try c.encode(false)
            case .schema(let s): try c.encode(s)
            }
        }
    }

    public init() {}

    enum CodingKeys: String, CodingKey {
        case type, ref = "$ref", properties, required, additionalProperties, enumValues = "enum", anyOf, oneOf, format,
             description, minimum, maximum, minLength, maxLength, itemsBox = "items", contentMediaType,
             contentSchemaBox = "contentSchema"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let one = try? c.decodeIfPresent(String.self, forKey: .type) {
            type = [one]
        } else {
            type = try c.decodeIfPresent([String].self, forKey: .type)
        }
        ref = try c.decodeIfPresent(String.self, forKey: .ref)
        properties = try c.decodeIfPresent([String: JSONSchema].self, forKey: .properties)
        required = try c.decodeIfPresent([String].self, forKey: .required)
        additionalProperties = try c.decodeIfPresent(Additional.self, forKey: .additionalProperties)
        enumValues = try c.decodeIfPresent([JSONValue].self, forKey: .enumValues)
        anyOf = try c.decodeIfPresent([JSONSchema].self, forKey: .anyOf)
        oneOf = try c.decodeIfPresent([JSONSchema].self, forKey: .oneOf)
        format = try c.decodeIfPresent(String.self, forKey: .format)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        minimum = try c.decodeIfPresent(Int64.self, forKey: .minimum)
        maximum = try c.decodeIfPresent(Int64.self, forKey: .maximum)
        minLength = try c.decodeIfPresent(Int.self, forKey: .minLength)
        maxLength = try c.decodeIfPresent(Int.self, forKey: .maxLength)
        items = try c.decodeIfPresent(JSONSchema.self, forKey: .itemsBox)
        contentMediaType = try c.decodeIfPresent(String.self, forKey: .contentMediaType)
        contentSchema = try c.decodeIfPresent(JSONSchema.self, forKey: .contentSchemaBox)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if let type {
            if type.count == 1 { try c.encode(type[0], forKey: .type) } else { try c.encode(type, forKey: .type) }
        }
        try c.encodeIfPresent(ref, forKey: .ref)
        try c.encodeIfPresent(properties, forKey: .properties)
        try c.encodeIfPresent(required, forKey: .required)
        try c.encodeIfPresent(additionalProperties, forKey: .additionalProperties)
        try c.encodeIfPresent(enumValues, forKey: .enumValues)
        try c.encodeIfPresent(anyOf, forKey: .anyOf)
        try c.encodeIfPresent(oneOf, forKey: .oneOf)
        try c.encodeIfPresent(format, forKey: .format)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encodeIfPresent(minimum, forKey: .minimum)
        try c.encodeIfPresent(maximum, forKey: .maximum)
        try c.encodeIfPresent(minLength, forKey: .minLength)
        try c.encodeIfPresent(maxLength, forKey: .maxLength)
        try c.encodeIfPresent(items, forKey: .itemsBox)
        try c.encodeIfPresent(contentMediaType, forKey: .contentMediaType)
        try c.encodeIfPresent(contentSchema, forKey: .contentSchemaBox)
    }
}

extension JSONSchema {
    public static func type(_ names: String...) -> JSONSchema {
        var s = JSONSchema()
        s.type = names
        return s
    }

    public static func ref(_ name: String) -> JSONSchema {
        var s = JSONSchema()
        s.ref = "#/components/schemas/\(name)"
        return s
    }

    public static func array(of items: JSONSchema) -> JSONSchema {
        var s = JSONSchema.type("array")
        s.items = items
        return s
    }

    public static func map(of values: JSONSchema) -> JSONSchema {
        var s = JSONSchema.type("object")
        s.additionalProperties = .schema(values)
        return s
    }

    public static func strings(_ values: [String]) -> JSONSchema {
        var s = JSONSchema.type("string")
        s.enumValues = values.map { .string($0) }
        return s
    }

    /// The same schema, `null` allowed too.
    public var nullable: JSONSchema {
        if var t = type {
            if !t.contains("null") { t.append("null") }
            var s = self
            s.type = t
            if let e = s.enumValues, !e.contains(.null) { s.enumValues = e + [.null] }
            return s
        }
        if self == JSONSchema() { return self }
        var s = JSONSchema()
        s.anyOf = [self, .type("null")]
        return s
    }
}
