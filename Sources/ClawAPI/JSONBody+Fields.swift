import ClawCore
import ClawWire
import Hummingbird

/// A field-by-field reader of an object body, used by the container routes that do not decode a
/// wire model; every problem is a `ClawError(.invalidArgument)` naming the field. Delete this file
/// (and `JSONBody.fields`) once no route calls `read` or `parse`.
extension JSONBody {
    /// Reads the body (up to the context's limit: larger is 413) as a JSON object.
    public static func read(_ request: Request, context: APIContext) async throws -> JSONBody {
        try parse(try await collect(request, context: context))
    }

    /// Parses collected bytes as a JSON object; empty is an empty object.
    public static func parse(_ buffer: ByteBuffer) throws -> JSONBody {
        JSONBody(fields: try decode([String: JSONValue].self, from: buffer))
    }

    public func has(_ key: String) -> Bool { fields[key] != nil }
    public func isNull(_ key: String) -> Bool { fields[key]?.isNull == true }

    /// Refuses any field not in `allowed`.
    public func allowOnly(_ allowed: Set<String>) throws {
        if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw ClawError(.invalidArgument, "unknown field '\(unknown)'", param: unknown)
        }
    }

    /// A string field: nil when absent or null; control characters refused.
    public func string(_ key: String, required: Bool = false, maxLength: Int = 256) throws -> String? {
        switch fields[key] {
        case nil, .null?:
            if required { throw ClawError(.invalidArgument, "'\(key)' is required", param: key) }
            return nil
        case .string(let s)?:
            return try FieldRules.text(s, key, maxLength: maxLength)
        default:
            throw ClawError(.invalidArgument, "'\(key)' must be a string", param: key)
        }
    }

    /// An integer field (a JSON number without fraction).
    public func int(_ key: String, required: Bool = false, range: ClosedRange<Int64>) throws -> Int64? {
        switch fields[key] {
        case nil, .null?:
            if required { throw ClawError(.invalidArgument, "'\(key)' is required", param: key) }
            return nil
        case .int(let n)?:
            return try FieldRules.integer(Int(n), key, range: range).map(Int64.init)
        case .double(let d)? where d.rounded() == d && abs(d) < 9e15:
            return try FieldRules.integer(Int(d), key, range: range).map(Int64.init)
        default:
            throw ClawError(.invalidArgument, "'\(key)' must be an integer", param: key)
        }
    }

    public func bool(_ key: String) throws -> Bool? {
        switch fields[key] {
        case nil, .null?: return nil
        case .bool(let b)?: return b
        default: throw ClawError(.invalidArgument, "'\(key)' must be true or false", param: key)
        }
    }

    /// An object of string values; `.some(nil)` when explicitly null.
    public func stringMap(_ key: String, maxEntries: Int = 64, maxValueLength: Int = 4096) throws -> [String: String]?? {
        switch fields[key] {
        case nil: return .none
        case .null?: return .some(nil)
        case .object(let o)? where o.values.allSatisfy({ $0.string != nil }):
            let map = o.compactMapValues(\.string)
            try FieldRules.stringMap(map, key, maxEntries: maxEntries, maxValueLength: maxValueLength)
            return .some(map)
        default:
            throw ClawError(.invalidArgument, "'\(key)' must be an object of string values", param: key)
        }
    }
}
