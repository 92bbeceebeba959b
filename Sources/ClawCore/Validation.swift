/// Syntactic checks shared by the API, the configuration and the runtime drivers.
/// Each one also refuses a leading `-`, so a checked value can never become an argv option.
public enum Validation {
    /// `localhost/clawd-demo:latest`, `docker.io/library/busybox@sha256:…`.
    public static func isImageReference(_ s: String) -> Bool {
        guard (1...255).contains(s.utf8.count), let first = s.unicodeScalars.first,
              first.properties.isASCIIHexDigit || ("a"..."z").contains(first) || ("A"..."Z").contains(first)
        else { return false }
        return s.unicodeScalars.allSatisfy { c in
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
                || "._-/:@".unicodeScalars.contains(c)
        }
    }

    /// An install id: 1-63 chars of `[a-z0-9-]`, starting with a letter or digit.
    public static func isInstallID(_ s: String) -> Bool {
        guard (1...63).contains(s.utf8.count), let first = s.unicodeScalars.first, first != "-" else { return false }
        return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
