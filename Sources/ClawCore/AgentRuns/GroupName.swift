/// A group (namespace) name of the container API: `[a-z0-9][a-z0-9_-]{0,63}`. It names a
/// directory under the data dir and a container label, so anything that could walk out of a
/// directory or become an argv option (`..`, `/`, NUL, a leading `-`) is refused by the rule.
public enum GroupName {
    /// The global instructions' name: never a group.
    public static let global = "global"

    /// Checks `name`; a bad one is `invalidArgument` on `param` saying what is wrong.
    public static func validate(_ name: String, param: String = "name", allowGlobal: Bool = false) throws(ClawError) {
        func bad(_ why: String) -> ClawError {
            ClawError(.invalidArgument, "group name \(why); use 1-64 of [a-z0-9_-], starting with a letter or digit",
                      param: param)
        }
        if name.isEmpty { throw bad("is empty") }
        if name.unicodeScalars.contains("\0") { throw bad("contains NUL") }
        if name.contains("/") || name.contains("\\") { throw bad("contains a path separator") }
        if name.contains("..") { throw bad("contains '..'") }
        if name.hasPrefix("-") { throw bad("starts with '-'") }
        guard name.utf8.count <= 64 else { throw bad("is longer than 64 characters") }
        let ok = name.unicodeScalars.enumerated().allSatisfy { i, c in
            ("a"..."z").contains(c) || ("0"..."9").contains(c) || (i > 0 && (c == "_" || c == "-"))
        }
        guard ok else { throw bad("'\(name)' has a character outside [a-z0-9_-]") }
        if name == global && !allowGlobal {
            throw ClawError(.invalidArgument, "'global' is reserved for the global instructions", param: param)
        }
    }

    public static func isValid(_ name: String) -> Bool {
        do { try validate(name) } catch { return false }
        return true
    }
}
