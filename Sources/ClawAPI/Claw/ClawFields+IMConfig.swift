import ClawCore
import ClawWire
import Foundation

extension ClawFields {
    static let imConfigMaxBytes = 32 * 1024
    static let imConfigMaxDepth = 8
    static let imConfigMaxEntries = 64
    static let imConfigMaxStringLength = 4096

    /// Any JSON object, nested sections included. Top-level keys 1-64 chars of `[A-Za-z0-9_.-]`
    /// not starting with `-`; at most 64 of them, 8 levels deep, strings of at most 4096
    /// characters without control characters, 32 KiB of JSON in all. Stored as sorted-key JSON,
    /// which is the secrets file's content.
    static func imConfig(_ object: [String: JSONValue]?) throws -> IMConfig? {
        guard let object else { return nil }
        guard object.count <= imConfigMaxEntries else { throw tooLarge("at most \(imConfigMaxEntries) keys") }
        for (key, value) in object {
            guard isConfigKey(key) else {
                throw ClawError(.invalidArgument, "imConfig keys must be 1-64 characters of A-Z, a-z, 0-9, '_', '.', '-', "
                                + "not starting with '-'", param: "imConfig")
            }
            try check(value, path: key, depth: 1)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(object) else {
            throw ClawError(.invalidArgument, "imConfig cannot be stored", param: "imConfig")
        }
        guard data.count <= imConfigMaxBytes else { throw tooLarge("at most \(imConfigMaxBytes) bytes of JSON") }
        return IMConfig(json: String(decoding: data, as: UTF8.self))
    }

    private static func check(_ value: JSONValue, path: String, depth: Int) throws {
        guard depth <= imConfigMaxDepth else { throw tooLarge("at most \(imConfigMaxDepth) levels deep") }
        switch value {
        case .string(let s):
            guard s.count <= imConfigMaxStringLength else {
                throw tooLarge("'\(path)' is longer than \(imConfigMaxStringLength) characters")
            }
            guard !s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw ClawError(.invalidArgument, "imConfig value of '\(path)' contains control characters", param: "imConfig")
            }
        case .array(let items):
            for (index, item) in items.enumerated() { try check(item, path: "\(path)[\(index)]", depth: depth + 1) }
        case .object(let members):
            for (key, member) in members { try check(member, path: "\(path).\(key)", depth: depth + 1) }
        case .null, .bool, .int, .double:
            break
        }
    }

    private static func tooLarge(_ rule: String) -> ClawError {
        ClawError(.invalidArgument, "'imConfig' is too large: \(rule)", param: "imConfig")
    }
}
