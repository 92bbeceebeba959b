import ClawWire

/// Checks a JSON value against the JSON Schema subset `/openapi.json` uses: `type` (one name or a
/// list, `null` included), `properties`, `required`, `additionalProperties`, `items`, `enum`,
/// `$ref` into `#/components/schemas`, `anyOf`/`oneOf`/`allOf`, `minimum`/`maximum`, string
/// lengths and, loosely, `format: date-time`.
public struct SchemaValidator: Sendable {
    /// `components.schemas` of the document.
    public let components: [String: JSONValue]

    public init(components: [String: JSONValue]) { self.components = components }

    /// Every way `value` breaks `schema`, each naming where (`$.data[0].id`); empty when it conforms.
    public func problems(_ value: JSONValue, _ schema: JSONValue, at path: String = "$") -> [String] {
        guard case .object(let s) = schema else { return [] }
        var out: [String] = []
        if let ref = s["$ref"]?.string {
            let name = String(ref.split(separator: "/").last ?? "")
            guard let target = components[name] else { return ["\(path): unknown $ref \(ref)"] }
            out += problems(value, target, at: path)
        }
        if let any = s["anyOf"]?.array ?? s["oneOf"]?.array,
           !any.contains(where: { problems(value, $0, at: path).isEmpty }) {
            let first = any.map { problems(value, $0, at: path).first ?? "" }.joined(separator: "; ")
            out.append("\(path): matches none of \(any.count) alternatives (\(first))")
        }
        for all in s["allOf"]?.array ?? [] { out += problems(value, all, at: path) }
        if let types = s["type"].map({ $0.array?.compactMap(\.string) ?? [$0.string ?? ""] }),
           !types.contains(where: { Self.matches(value, type: $0) }) {
            return out + ["\(path): \(Self.describe(value)) is not \(types.joined(separator: " or "))"]
        }
        if let allowed = s["enum"]?.array, !allowed.contains(where: { Self.same($0, value) }) {
            out.append("\(path): \(Self.describe(value)) is not one of the enum's values")
        }
        switch value {
        case .object(let object):
            out += objectProblems(object, s, at: path)
        case .array(let items):
            if let itemSchema = s["items"] {
                for (i, item) in items.enumerated() { out += problems(item, itemSchema, at: "\(path)[\(i)]") }
            }
        case .string(let text):
            if let min = s["minLength"]?.int, text.count < min { out.append("\(path): shorter than \(min)") }
            if let max = s["maxLength"]?.int, text.count > max { out.append("\(path): longer than \(max)") }
            if s["format"]?.string == "date-time", !Self.looksLikeDateTime(text) {
                out.append("\(path): '\(text)' is not a date-time")
            }
        case .int, .double:
            let n = value.double ?? 0
            if let min = s["minimum"]?.double, n < min { out.append("\(path): \(n) is below \(min)") }
            if let max = s["maximum"]?.double, n > max { out.append("\(path): \(n) is above \(max)") }
        default:
            break
        }
        return out
    }

    func objectProblems(_ object: [String: JSONValue], _ s: [String: JSONValue], at path: String) -> [String] {
        var out: [String] = []
        let properties = s["properties"]?.object ?? [:]
        for name in s["required"]?.array?.compactMap(\.string) ?? [] where object[name] == nil {
            out.append("\(path): '\(name)' is required")
        }
        for (key, item) in object.sorted(by: { $0.key < $1.key }) {
            if let p = properties[key] {
                out += problems(item, p, at: "\(path).\(key)")
            } else if let extra = s["additionalProperties"] {
                if extra == .bool(false) {
                    out.append("\(path): '\(key)' is not a documented field")
                } else {
                    out += problems(item, extra, at: "\(path).\(key)")
                }
            }
        }
        return out
    }

    static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
             ("integer", .int), ("number", .int), ("number", .double):
            true
        case ("integer", .double(let d)):
            d.rounded() == d
        default:
            false
        }
    }

    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = a.double, let y = b.double { return x == y }
        return a == b
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string(let s): "the string '\(s.prefix(40))'"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// `2026-01-02T03:04:05…`: a date, `T`, a time; offsets and fractions are not checked.
    static func looksLikeDateTime(_ text: String) -> Bool {
        let chars = Array(text)
        guard chars.count >= 19 else { return false }
        let digits = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
        return digits.allSatisfy { chars[$0].isASCII && chars[$0].isNumber } && chars[4] == "-" && chars[7] == "-"
            && (chars[10] == "T" || chars[10] == "t") && chars[13] == ":" && chars[16] == ":"
    }
}
