/// Checks of the instance fields a client chooses; each failure names its field in `param`.
public enum InstanceValidation {
    /// The longest `defaultModel` accepted, in Unicode scalars.
    public static let defaultModelMaxLength = 100

    /// 3–32 chars of `[a-z0-9-]`, not starting or ending with `-`.
    public static func isSubdomain(_ s: String) -> Bool {
        let scalars = Array(s.unicodeScalars)
        guard (3...32).contains(scalars.count), scalars.first != "-", scalars.last != "-" else { return false }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// Throws `invalidArgument` (param `subdomain`) unless `isSubdomain(s)`.
    public static func checkSubdomain(_ s: String) throws(ClawError) {
        guard isSubdomain(s) else {
            throw ClawError(.invalidArgument,
                            "subdomain must be 3-32 characters of a-z, 0-9 and '-', not starting or ending with '-'",
                            param: "subdomain")
        }
    }

    /// Non-empty, at most 100 scalars, printable (no control, format or unassigned characters).
    public static func isDefaultModel(_ s: String) -> Bool {
        let scalars = s.unicodeScalars
        guard !scalars.isEmpty, scalars.count <= defaultModelMaxLength else { return false }
        return scalars.allSatisfy(isPrintable)
    }

    /// Throws `invalidArgument` (param `defaultModel`) unless nil or `isDefaultModel`.
    public static func checkDefaultModel(_ s: String?) throws(ClawError) {
        guard let s else { return }
        guard isDefaultModel(s) else {
            throw ClawError(.invalidArgument,
                            "defaultModel must be 1-\(defaultModelMaxLength) printable characters",
                            param: "defaultModel")
        }
    }

    static func isPrintable(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
            return false
        default:
            return true
        }
    }
}
