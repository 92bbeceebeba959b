import Foundation

/// Which host directories agent runs may mount (NanoClaw's `mount-allowlist.json`). No
/// allowlist at all means every extra mount is refused.
public struct MountAllowlist: Sendable, Equatable {
    public struct Root: Sendable, Equatable {
        public var path: String
        public var allowReadWrite: Bool
        public var description: String?
        public init(path: String, allowReadWrite: Bool = false, description: String? = nil) {
            self.path = path
            self.allowReadWrite = allowReadWrite
            self.description = description
        }
    }

    /// Always blocked, merged with the configured patterns.
    public static let builtInBlockedPatterns = [
        ".ssh", ".gnupg", ".gpg", ".aws", ".azure", ".gcloud", ".kube", ".docker", "credentials", ".env",
        ".netrc", ".npmrc", ".pypirc", "id_rsa", "id_ed25519", "private_key", ".secret",
    ]

    public var allowedRoots: [Root]
    /// The configured patterns only (the built-in ones are added by `effectiveBlockedPatterns`).
    public var blockedPatterns: [String]
    /// Non-main groups get read-only mounts whatever the root allows.
    public var nonMainReadOnly: Bool

    public init(allowedRoots: [Root] = [], blockedPatterns: [String] = [], nonMainReadOnly: Bool = true) {
        self.allowedRoots = allowedRoots
        self.blockedPatterns = blockedPatterns
        self.nonMainReadOnly = nonMainReadOnly
    }

    /// Built-in patterns first, then the configured ones not already present.
    public var effectiveBlockedPatterns: [String] {
        var out = Self.builtInBlockedPatterns
        for p in blockedPatterns where !out.contains(p) { out.append(p) }
        return out
    }
}
