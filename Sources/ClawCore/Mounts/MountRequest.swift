/// One extra mount an agent run asks for: `{"hostPath", "containerPath", "readOnly"}` in a
/// group's `containerConfig` and in `POST /container/mount/validate`.
public struct MountRequest: Sendable, Equatable, Codable {
    public var hostPath: String
    /// Relative; mounted under `/workspace/extra/`. nil: the host path's last component.
    public var containerPath: String?
    public var readOnly: Bool
    public init(hostPath: String, containerPath: String? = nil, readOnly: Bool = true) {
        self.hostPath = hostPath
        self.containerPath = containerPath
        self.readOnly = readOnly
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case hostPath, containerPath, readOnly }

    /// `readOnly` absent or null: true.
    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownFields(Set(CodingKeys.allCases.map(\.rawValue)))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        hostPath = try c.decode(String.self, forKey: .hostPath)
        containerPath = try c.decodeIfPresent(String.self, forKey: .containerPath)
        readOnly = try c.decodeIfPresent(Bool.self, forKey: .readOnly) ?? true
    }

    /// `containerPath` is written as null when it was not given.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(hostPath, forKey: .hostPath)
        try c.encode(containerPath, forKey: .containerPath)
        try c.encode(readOnly, forKey: .readOnly)
    }
}

/// The answer for one mount: refused mounts carry the reason in `message`.
public struct MountDecision: Sendable, Equatable, Codable {
    public var allowed: Bool
    /// The realpath of the host path when it exists.
    public var canonicalHostPath: String?
    /// The container path the mount gets (`/workspace/extra/<containerPath>`), when allowed.
    public var containerPath: String?
    /// Whether the mount is made read-only (always true for a refused one).
    public var readOnly: Bool
    public var message: String

    public init(allowed: Bool, canonicalHostPath: String?, containerPath: String?, readOnly: Bool, message: String) {
        (self.allowed, self.canonicalHostPath, self.containerPath, self.readOnly, self.message)
            = (allowed, canonicalHostPath, containerPath, readOnly, message)
    }

    public static func refused(_ message: String, canonical: String? = nil) -> MountDecision {
        MountDecision(allowed: false, canonicalHostPath: canonical, containerPath: nil, readOnly: true, message: message)
    }

    enum CodingKeys: String, CodingKey { case allowed, canonicalHostPath, containerPath, readOnly, message }

    /// Every field is written, unknown paths as null.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(allowed, forKey: .allowed)
        try c.encode(canonicalHostPath, forKey: .canonicalHostPath)
        try c.encode(containerPath, forKey: .containerPath)
        try c.encode(readOnly, forKey: .readOnly)
        try c.encode(message, forKey: .message)
    }
}
