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

    static func isConfigKey(_ key: String) -> Bool {
        guard (1...64).contains(key.unicodeScalars.count), !key.hasPrefix("-") else { return false }
        return key.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_.-".unicodeScalars.contains($0)
        }
    }
}

extension ClawFields {
    /// The instance's own image: only the host admin (the Unix socket) chooses it; an org key
    /// that sends one is refused (403) and nothing is created. A reference of
    /// `[A-Za-z0-9._/:@-]`, at most 255, starting with a letter or digit.
    static func image(_ value: String?, isAdmin: Bool) throws -> String? {
        guard let value else { return nil }
        guard isAdmin else {
            throw ClawError(.forbidden, "'image' may only be chosen by the host admin (clawctl on the Unix socket)",
                            param: "image")
        }
        guard Validation.isImageReference(value), !value.contains("//"), !value.hasSuffix("/"), !value.hasSuffix(":") else {
            throw ClawError(.invalidArgument, "'image' must be an image reference of 1-255 characters of "
                            + "A-Z, a-z, 0-9, '.', '_', '/', ':', '@', '-', starting with a letter or digit", param: "image")
        }
        return value
    }
}
