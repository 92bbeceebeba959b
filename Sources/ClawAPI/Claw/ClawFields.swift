import ClawCore
import ClawWire

/// The client-chosen values of create and PATCH, checked strictly; each failure names its field.
enum ClawFields {
    static func subdomain(_ value: String) throws -> String {
        try FieldRules.text(value, "subdomain", maxLength: 32)
        try InstanceValidation.checkSubdomain(value)
        return value
    }

    /// Free text, 1-100 printable characters, not starting with `-` (it may reach a container's argv).
    static func defaultModel(_ value: String?) throws -> String? {
        guard let value = try FieldRules.text(value, "defaultModel", maxLength: InstanceValidation.defaultModelMaxLength)
        else { return nil }
        guard !value.hasPrefix("-"), !value.hasPrefix(" ") else {
            throw ClawError(.invalidArgument, "defaultModel must not start with '-' or a space", param: "defaultModel")
        }
        try InstanceValidation.checkDefaultModel(value)
        return value
    }

    static func tier(_ value: String?) throws -> Tier {
        guard let value = try FieldRules.text(value, "tier", maxLength: 16) else { return .default }
        guard let tier = Tier(rawValue: value) else {
            throw ClawError(.invalidArgument, "tier must be one of budget, balanced, pro", param: "tier")
        }
        return tier
    }

    /// Keys 1-64 chars of `[A-Za-z0-9_.-]` not starting with `-`, values without control characters.
    static func imConfig(_ map: [String: String]?) throws -> [String: String]? {
        guard let map else { return nil }
        try FieldRules.stringMap(map, "imConfig")
        for (key, value) in map {
            guard isConfigKey(key) else {
                throw ClawError(.invalidArgument, "imConfig keys must be 1-64 characters of A-Z, a-z, 0-9, '_', '.', '-', "
                                + "not starting with '-'", param: "imConfig")
            }
            guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw ClawError(.invalidArgument, "imConfig value of '\(key)' contains control characters", param: "imConfig")
            }
        }
        return map
    }

    static func isConfigKey(_ key: String) -> Bool {
        guard (1...64).contains(key.unicodeScalars.count), !key.hasPrefix("-") else { return false }
        return key.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_.-".unicodeScalars.contains($0)
        }
    }
}
