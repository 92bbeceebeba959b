import ClawCore
import Foundation

/// The one way request and answer bodies cross the wire: `Codable` types decoded strictly and
/// encoded with one configuration (sorted keys, slashes unescaped). A decoding problem becomes
/// `ClawError(.invalidArgument)` naming the field by its dotted path (`schedule.value`,
/// `chatJids[2]`), so every dialect answers bad input in its own shape with the same facts.
public enum Wire {
    /// Decodes a request body. An empty body decodes as `{}`; anything but a JSON object is refused.
    public static func decodeBody<T: Decodable>(_ type: T.Type, from data: Data) throws(ClawError) -> T {
        let bytes = data.isEmpty ? Data("{}".utf8) : data
        guard let first = bytes.first(where: { !Self.isJSONSpace($0) }) else {
            throw ClawError(.invalidArgument, "malformed JSON body")
        }
        guard first == UInt8(ascii: "{") else {
            // Valid JSON that is not an object, or not JSON at all: say which.
            if isJSON(bytes) {
                throw ClawError(.invalidArgument, "the body must be a JSON object")
            }
            throw ClawError(.invalidArgument, "malformed JSON body")
        }
        return try decode(type, from: bytes)
    }

    /// Decodes any JSON value (an answer read by a client, a stored document).
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(ClawError) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
               isJSON(data) {
                // Foundation says "not valid JSON" for valid JSON whose number does not fit a field.
                throw ClawError(.invalidArgument, "a number in the body is not a whole number in range")
            }
            throw clawError(error)
        } catch let error as ClawError {
            throw error
        } catch {
            throw ClawError(.invalidArgument, "malformed JSON body")
        }
    }

    /// Encodes with the configuration every answer uses.
    public static func encode<T: Encodable>(_ value: T) throws(ClawError) -> Data {
        do {
            return try encoder.encode(value)
        } catch {
            throw ClawError(.internal, "cannot encode \(T.self): \(error)")
        }
    }

    public static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    /// A field's dotted path: `a.b[2].c`.
    public static func path(_ codingPath: [any CodingKey]) -> String { AnyCodingKey.path(codingPath) }

    static func clawError(_ error: DecodingError) -> ClawError {
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return ClawError(.invalidArgument, "'\(field)' is required", param: field)
        case .valueNotFound(_, let context):
            let field = path(context.codingPath)
            return ClawError(.invalidArgument, "'\(field)' is required", param: field)
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            if field.isEmpty { return ClawError(.invalidArgument, "the body must be a JSON object") }
            return ClawError(.invalidArgument, "'\(field)' must be \(describe(type))", param: field)
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            if field.isEmpty { return ClawError(.invalidArgument, "malformed JSON body") }
            if let reason = context.underlyingError as? WireFieldError {
                return ClawError(.invalidArgument, "'\(field)' \(reason.problem)", param: field)
            }
            return ClawError(.invalidArgument, "'\(field)' is not valid: \(context.debugDescription)", param: field)
        @unknown default:
            return ClawError(.invalidArgument, "malformed JSON body")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        default:
            String(describing: type).hasPrefix("Array") ? "an array"
                : String(describing: type).hasPrefix("Dictionary") ? "an object" : "of type \(type)"
        }
    }

    /// Whether `data` is one JSON value of any kind.
    static func isJSON(_ data: Data) -> Bool { (try? JSONDecoder().decode(JSONValue.self, from: data)) != nil }

    static func isJSONSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
}

/// A field-level problem raised while decoding (unknown field, out of range), carried through
/// `DecodingError.dataCorrupted` so that `Wire` can name the field.
public struct WireFieldError: Error, Sendable {
    /// Finishes the sentence "'field' …", e.g. "is not a known field".
    public var problem: String
    public init(_ problem: String) { self.problem = problem }
}
