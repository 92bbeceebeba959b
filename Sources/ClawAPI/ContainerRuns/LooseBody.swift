import ClawCore
import Foundation
import Hummingbird

/// A container-API request body with nested objects and arrays (schedules, chat JIDs), read
/// field by field with strict types; every problem is a 400 naming the field (`schedule.value`).
/// Unknown fields are refused.
struct LooseBody: @unchecked Sendable {
    let fields: [String: Any]
    let prefix: String

    static func read(_ request: Request, context: APIContext) async throws -> LooseBody {
        let buffer = try await JSONBody.collect(request, context: context)
        if buffer.readableBytes == 0 { return LooseBody(fields: [:], prefix: "") }
        let any: Any
        do {
            any = try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView), options: [.fragmentsAllowed])
        } catch {
            throw ClawError(.invalidArgument, "malformed JSON body")
        }
        guard let object = any as? [String: Any] else { throw ClawError(.invalidArgument, "the body must be a JSON object") }
        return LooseBody(fields: object, prefix: "")
    }

    func name(_ key: String) -> String { prefix + key }

    func allowOnly(_ allowed: Set<String>) throws {
        if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw ClawError(.invalidArgument, "unknown field '\(name(unknown))'", param: name(unknown))
        }
    }

    func has(_ key: String) -> Bool { fields[key] != nil && !(fields[key] is NSNull) }

    func string(_ key: String, required: Bool = false, maxLength: Int = 256, allowControl: Bool = false) throws -> String? {
        guard has(key) else {
            if required { throw ClawError(.invalidArgument, "'\(name(key))' is required", param: name(key)) }
            return nil
        }
        guard let s = fields[key] as? String else {
            throw ClawError(.invalidArgument, "'\(name(key))' must be a string", param: name(key))
        }
        guard s.count <= maxLength else {
            throw ClawError(.invalidArgument, "'\(name(key))' is longer than \(maxLength) characters", param: name(key))
        }
        let bad = s.unicodeScalars.contains {
            $0.properties.generalCategory == .control && !(allowControl && ($0 == "\n" || $0 == "\t" || $0 == "\r"))
        }
        guard !bad else { throw ClawError(.invalidArgument, "'\(name(key))' contains control characters", param: name(key)) }
        return s
    }

    func int(_ key: String, range: ClosedRange<Int>) throws -> Int? {
        guard has(key) else { return nil }
        guard let n = fields[key] as? NSNumber, String(cString: n.objCType) != "c",
              n.doubleValue.rounded() == n.doubleValue, abs(n.doubleValue) < 9e15 else {
            throw ClawError(.invalidArgument, "'\(name(key))' must be an integer", param: name(key))
        }
        guard range.contains(n.intValue) else {
            throw ClawError(.invalidArgument, "'\(name(key))' must be between \(range.lowerBound) and \(range.upperBound)",
                            param: name(key))
        }
        return n.intValue
    }

    func bool(_ key: String) throws -> Bool? {
        guard has(key) else { return nil }
        guard let n = fields[key] as? NSNumber, String(cString: n.objCType) == "c" else {
            throw ClawError(.invalidArgument, "'\(name(key))' must be true or false", param: name(key))
        }
        return n.boolValue
    }

    func strings(_ key: String, maxCount: Int = 256, maxLength: Int = 256) throws -> [String]? {
        guard has(key) else { return nil }
        guard let list = fields[key] as? [Any], list.count <= maxCount,
              let strings = list as? [String], strings.allSatisfy({ !$0.isEmpty && $0.count <= maxLength }) else {
            throw ClawError(.invalidArgument, "'\(name(key))' must be an array of at most \(maxCount) non-empty strings",
                            param: name(key))
        }
        return strings
    }

    func object(_ key: String) throws -> LooseBody? {
        guard has(key) else { return nil }
        guard let o = fields[key] as? [String: Any] else {
            throw ClawError(.invalidArgument, "'\(name(key))' must be an object", param: name(key))
        }
        return LooseBody(fields: o, prefix: name(key) + ".")
    }

    /// A string or a number, as text (a schedule's `value`: cron text, interval ms, ISO time).
    func scalarText(_ key: String) throws -> String? {
        guard has(key) else { return nil }
        if let s = fields[key] as? String { return s }
        if let n = fields[key] as? NSNumber, String(cString: n.objCType) != "c", n.doubleValue.rounded() == n.doubleValue {
            return String(n.int64Value)
        }
        throw ClawError(.invalidArgument, "'\(name(key))' must be a string or a whole number", param: name(key))
    }
}
