/// One extra mount an agent run asks for.
public struct MountRequest: Sendable, Equatable {
    public var hostPath: String
    /// Relative; mounted under `/workspace/extra/`. nil: the host path's last component.
    public var containerPath: String?
    public var readOnly: Bool
    public init(hostPath: String, containerPath: String? = nil, readOnly: Bool = true) {
        self.hostPath = hostPath
        self.containerPath = containerPath
        self.readOnly = readOnly
    }
}

/// The answer for one mount: refused mounts carry the reason in `message`.
public struct MountDecision: Sendable, Equatable {
    public var allowed: Bool
    /// The realpath of the host path when it exists.
    public var canonicalHostPath: String?
    /// The container path the mount gets (`/workspace/extra/<containerPath>`), when allowed.
    public var containerPath: String?
    /// Whether the mount is made read-only (always true for a refused one).
    public var readOnly: Bool
    public var message: String

    public static func refused(_ message: String, canonical: String? = nil) -> MountDecision {
        MountDecision(allowed: false, canonicalHostPath: canonical, containerPath: nil, readOnly: true, message: message)
    }
}
