import ClawCore

extension RuntimeValidation {
    /// A host path in `--volume host:ctr[:ro]`: absolute, no `:` or `,` (they would split the
    /// element), no NUL or line break.
    public static func bindHostPath(_ value: String, param: String = "binds") throws {
        guard value.hasPrefix("/"), value.utf8.count <= 4096, !containsControlBreak(value),
              !value.contains(":"), !value.contains(",")
        else {
            throw ClawError(.invalidArgument, "invalid bind host path \(quoted(value)): must be absolute without ':' or ','",
                            param: param)
        }
    }

    /// A host name for `--add-host`: `[a-zA-Z0-9][a-zA-Z0-9.-]*`, at most 253.
    public static func hostname(_ value: String, param: String = "extraHosts") throws {
        guard !value.isEmpty, value.utf8.count <= 253, let first = value.unicodeScalars.first, isAlnum(first),
              value.unicodeScalars.allSatisfy({ isAlnum($0) || $0 == "." || $0 == "-" })
        else {
            throw ClawError(.invalidArgument, "invalid host name \(quoted(value))", param: param)
        }
    }
}
