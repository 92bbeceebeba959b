import ClawCore

/// The client-chosen fields of create and PATCH, checked strictly; each failure names its field.
enum ClawFields {
    static func subdomain(_ body: JSONBody) throws -> String {
        let value = try body.string("subdomain", required: true, maxLength: 32)!
        try InstanceValidation.checkSubdomain(value)
        return value
    }

    /// Free text, 1-100 printable characters, not starting with `-` (it may reach a container's argv).
    static func defaultModel(_ body: JSONBody) throws -> String? {
        guard let value = try body.string("defaultModel", maxLength: InstanceValidation.defaultModelMaxLength) else { return nil }
        guard !value.hasPrefix("-"), !value.hasPrefix(" ") else {
            throw ClawError(.invalidArgument, "defaultModel must not start with '-' or a space", param: "defaultModel")
        }
        try InstanceValidation.checkDefaultModel(value)
        return value
    }

    static func tier(_ body: JSONBody) throws -> Tier {
        guard let value = try body.string("tier", maxLength: 16) else { return .default }
        guard let tier = Tier(rawValue: value) else {
            throw ClawError(.invalidArgument, "tier must be one of budget, balanced, pro", param: "tier")
        }
        return tier
    }

    /// An object of string values; keys 1-64 chars of `[A-Za-z0-9_.-]` not starting with `-`,
    /// values without control characters. `.some(nil)` when explicitly null.
    static func imConfig(_ body: JSONBody) throws -> [String: String]?? {
        guard let map = try body.stringMap("imConfig") else { return .none }
        guard let map else { return .some(nil) }
        for (key, value) in map {
            guard isConfigKey(key) else {
                throw ClawError(.invalidArgument, "imConfig keys must be 1-64 characters of A-Z, a-z, 0-9, '_', '.', '-', "
                                + "not starting with '-'", param: "imConfig")
            }
            guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw ClawError(.invalidArgument, "imConfig value of '\(key)' contains control characters", param: "imConfig")
            }
        }
        return .some(map)
    }

    static func isConfigKey(_ key: String) -> Bool {
        guard (1...64).contains(key.unicodeScalars.count), !key.hasPrefix("-") else { return false }
        return key.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_.-".unicodeScalars.contains($0)
        }
    }
}
