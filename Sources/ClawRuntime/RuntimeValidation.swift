import ClawCore

/// Checks every user-influenced string before it reaches a runtime argv. Anything that could be
/// read as a flag (a leading `-`), split a `k=v`/`vol:/path` element, or smuggle a NUL or newline
/// is refused with `.invalidArgument`.
public enum RuntimeValidation {
    static let maxNameLength = 128

    /// Container and volume names (also container ids): `[a-zA-Z0-9][a-zA-Z0-9_.-]*`, at most 128.
    public static func name(_ value: String, param: String = "name") throws {
        guard !value.isEmpty, value.utf8.count <= maxNameLength,
              let first = value.unicodeScalars.first, isAlnum(first),
              value.unicodeScalars.allSatisfy({ isAlnum($0) || "_.-".unicodeScalars.contains($0) })
        else {
            throw ClawError(.invalidArgument,
                            "invalid \(param) \(quoted(value)): must match [a-zA-Z0-9][a-zA-Z0-9_.-]* and be at most 128 characters",
                            param: param)
        }
    }

    /// Image references: `[a-zA-Z0-9._/:@-]`, at most 255, starting with a letter or digit.
    public static func image(_ value: String, param: String = "image") throws {
        guard !value.isEmpty, value.utf8.count <= 255,
              let first = value.unicodeScalars.first, isAlnum(first),
              value.unicodeScalars.allSatisfy({ isAlnum($0) || "._/:@-".unicodeScalars.contains($0) }),
              !value.contains("//"), !value.hasSuffix("/"), !value.hasSuffix(":")
        else {
            throw ClawError(.invalidArgument, "invalid image reference \(quoted(value))", param: param)
        }
    }

    /// Label keys: `[a-zA-Z0-9][a-zA-Z0-9._/-]*`, at most 255 (no `=`, so `k=v` stays unambiguous).
    public static func labelKey(_ value: String, param: String = "labels") throws {
        guard !value.isEmpty, value.utf8.count <= 255,
              let first = value.unicodeScalars.first, isAlnum(first),
              value.unicodeScalars.allSatisfy({ isAlnum($0) || "._/-".unicodeScalars.contains($0) })
        else {
            throw ClawError(.invalidArgument, "invalid label key \(quoted(value))", param: param)
        }
    }

    /// Environment variable names: `[A-Za-z_][A-Za-z0-9_]*`.
    public static func environmentKey(_ value: String, param: String = "environment") throws {
        guard let first = value.unicodeScalars.first, isAlpha(first) || first == "_",
              value.utf8.count <= 255,
              value.unicodeScalars.allSatisfy({ isAlnum($0) || $0 == "_" })
        else {
            throw ClawError(.invalidArgument, "invalid environment variable name \(quoted(value))", param: param)
        }
    }

    /// A value embedded after `=` in one argv element: any text without NUL, CR or LF.
    public static func embeddedValue(_ value: String, param: String) throws {
        guard value.utf8.count <= 64 * 1024, !containsControlBreak(value) else {
            throw ClawError(.invalidArgument, "invalid \(param): NUL and line breaks are not allowed", param: param)
        }
    }

    /// A path inside a container used in `--volume vol:/path`: absolute, no `:` or `,`.
    public static func containerPath(_ value: String, param: String = "volumes") throws {
        guard value.hasPrefix("/"), value.utf8.count <= 4096, !containsControlBreak(value),
              !value.contains(":"), !value.contains(",")
        else {
            throw ClawError(.invalidArgument, "invalid container path \(quoted(value)): must be absolute without ':' or ','",
                            param: param)
        }
    }

    /// A path on the host passed as its own argv element: absolute, no NUL/line breaks.
    public static func hostPath(_ value: String, param: String) throws {
        guard value.hasPrefix("/"), value.utf8.count <= 4096, !containsControlBreak(value) else {
            throw ClawError(.invalidArgument, "invalid \(param) \(quoted(value)): must be an absolute path", param: param)
        }
    }

    /// Command elements: no NUL. They follow the image in the argv, where both engines have
    /// stopped parsing their own options (measured: `run IMAGE --privileged` hands
    /// `--privileged` to the container), so an element such as the `-c` of `sh -c` is safe.
    public static func command(_ elements: [String], param: String = "command") throws {
        for element in elements where element.utf8.contains(0) || element.utf8.count > 64 * 1024 {
            throw ClawError(.invalidArgument, "invalid command element: NUL is not allowed", param: param)
        }
    }

    /// An entrypoint override: one executable, not flag-like, no NUL/line breaks or spaces.
    public static func entrypoint(_ value: String, param: String = "entrypoint") throws {
        guard !value.isEmpty, !value.hasPrefix("-"), value.utf8.count <= 4096, !containsControlBreak(value),
              !value.contains(" ")
        else {
            throw ClawError(.invalidArgument, "invalid entrypoint \(quoted(value))", param: param)
        }
    }

    /// Signal names such as `KILL`, `SIGTERM` or numbers.
    public static func signal(_ value: String) throws {
        guard !value.isEmpty, value.utf8.count <= 16,
              value.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) })
        else {
            throw ClawError(.invalidArgument, "invalid signal \(quoted(value))", param: "signal")
        }
    }

    /// A host IP for a publish: dotted IPv4, or bracketed IPv6.
    public static func hostIP(_ value: String) throws {
        let ipv4 = !value.isEmpty && value.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || $0 == "." }
        let ipv6 = value.hasPrefix("[") && value.hasSuffix("]") && value.count > 2
            && value.dropFirst().dropLast().unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit || $0 == ":" }
        guard ipv4 || ipv6 else {
            throw ClawError(.invalidArgument, "invalid host IP \(quoted(value))", param: "ports")
        }
    }

    public static func port(_ value: Int, param: String = "ports") throws {
        guard (1...65535).contains(value) else {
            throw ClawError(.invalidArgument, "invalid port \(value)", param: param)
        }
    }

    public static func nonNegative(_ value: Int, param: String) throws {
        guard value >= 0 else { throw ClawError(.invalidArgument, "\(param) must not be negative", param: param) }
    }

    static func isAlnum(_ c: Unicode.Scalar) -> Bool {
        isAlpha(c) || ("0"..."9").contains(c)
    }

    static func isAlpha(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c)
    }

    static func containsControlBreak(_ value: String) -> Bool {
        value.utf8.contains { $0 == 0 || $0 == 10 || $0 == 13 }
    }

    /// For messages: the value with control characters escaped, cut to 80 characters.
    static func quoted(_ value: String) -> String {
        let escaped = value.unicodeScalars.map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0) }
            .joined()
        return "'" + String(escaped.prefix(80)) + "'"
    }
}
