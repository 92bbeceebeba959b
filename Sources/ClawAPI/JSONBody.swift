import ClawCore
import Foundation
import Hummingbird

/// A request's JSON object body, read field by field with strict types; every problem is a
/// `ClawError(.invalidArgument)` naming the field. Unknown fields are refused.
public struct JSONBody: Sendable {
    let fields: [String: JSONValue]

    enum JSONValue: Sendable {
        case string(String), number(Double, isInteger: Bool), bool(Bool), null, object([String: String]?), array
    }

    /// Reads the body (up to the context's limit: larger is 413) and parses a JSON object.
    /// An empty body is an empty object.
    public static func read(_ request: Request, context: APIContext) async throws -> JSONBody {
        try parse(try await collect(request, context: context))
    }

    /// The raw body, up to the context's limit (larger is 413).
    public static func collect(_ request: Request, context: APIContext) async throws -> ByteBuffer {
        try await request.body.collect(upTo: context.bodyLimit)
    }

    /// Parses collected bytes as a JSON object; empty is an empty object.
    public static func parse(_ buffer: ByteBuffer) throws -> JSONBody {
        if buffer.readableBytes == 0 { return JSONBody(fields: [:]) }
        let any: Any
        do {
            any = try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView), options: [.fragmentsAllowed])
        } catch {
            throw ClawError(.invalidArgument, "malformed JSON body")
        }
        guard let object = any as? [String: Any] else {
            throw ClawError(.invalidArgument, "the body must be a JSON object")
        }
        return JSONBody(fields: object.mapValues(Self.value))
    }

    static func value(_ v: Any) -> JSONValue {
        switch v {
        case is NSNull: return .null
        case let n as NSNumber:
            if String(cString: n.objCType) == "c" { return .bool(n.boolValue) }
            let d = n.doubleValue
            return .number(d, isInteger: d.rounded() == d && abs(d) < 9e15)
        case let s as String: return .string(s)
        case let o as [String: Any]:
            return .object(o.allSatisfy { $0.value is String } ? o.mapValues { $0 as! String } : nil)
        default: return .array
        }
    }

    public func has(_ key: String) -> Bool { fields[key] != nil }
    public func isNull(_ key: String) -> Bool { if case .null = fields[key] { return true } else { return false } }

    /// Refuses any field not in `allowed`.
    public func allowOnly(_ allowed: Set<String>) throws {
        if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw ClawError(.invalidArgument, "unknown field '\(unknown)'", param: unknown)
        }
    }

    /// A string field: nil when absent (or null when `nullable`); control characters refused.
    public func string(_ key: String, required: Bool = false, maxLength: Int = 256) throws -> String? {
        switch fields[key] {
        case nil:
            if required { throw ClawError(.invalidArgument, "'\(key)' is required", param: key) }
            return nil
        case .null?:
            if required { throw ClawError(.invalidArgument, "'\(key)' is required", param: key) }
            return nil
        case .string(let s)?:
            guard s.count <= maxLength else {
                throw ClawError(.invalidArgument, "'\(key)' is longer than \(maxLength) characters", param: key)
            }
            guard !s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw ClawError(.invalidArgument, "'\(key)' contains control characters", param: key)
            }
            return s
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
        case .number(let d, true)?:
            let n = Int64(d)
            guard range.contains(n) else {
                throw ClawError(.invalidArgument, "'\(key)' must be between \(range.lowerBound) and \(range.upperBound)", param: key)
            }
            return n
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

    /// An object of string values (e.g. an IM config); `.some(nil)` when explicitly null.
    public func stringMap(_ key: String, maxEntries: Int = 64, maxValueLength: Int = 4096) throws -> [String: String]?? {
        switch fields[key] {
        case nil: return .none
        case .null?: return .some(nil)
        case .object(let map?)?:
            guard map.count <= maxEntries, map.values.allSatisfy({ $0.count <= maxValueLength }),
                  map.keys.allSatisfy({ !$0.isEmpty && $0.count <= 128 }) else {
                throw ClawError(.invalidArgument, "'\(key)' is too large", param: key)
            }
            return .some(map)
        default:
            throw ClawError(.invalidArgument, "'\(key)' must be an object of string values", param: key)
        }
    }
}
