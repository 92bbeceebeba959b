/// The prefix an admin chooses for an org's API keys: 1-16 chars of `[a-z0-9_]`, starting with a
/// letter or digit, so hosted formats such as `oc_live_…` can be issued.
public enum KeyPrefix {
    public static let maxLength = 16

    public static func isValid(_ prefix: String) -> Bool {
        let scalars = prefix.unicodeScalars
        guard (1...maxLength).contains(scalars.count), let first = scalars.first, first != "_" else { return false }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
