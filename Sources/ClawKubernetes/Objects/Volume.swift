/// A pod volume: the instance's claim, or its Secret projected as files.
public struct Volume: Codable, Sendable, Equatable {
    public var name: String
    public var persistentVolumeClaim: PersistentVolumeClaimVolumeSource?
    public var secret: SecretVolumeSource?

    public init(name: String, persistentVolumeClaim: PersistentVolumeClaimVolumeSource? = nil,
                secret: SecretVolumeSource? = nil) {
        self.name = name
        self.persistentVolumeClaim = persistentVolumeClaim
        self.secret = secret
    }
}

public struct PersistentVolumeClaimVolumeSource: Codable, Sendable, Equatable {
    public var claimName: String
    public var readOnly: Bool?

    public init(claimName: String, readOnly: Bool? = nil) {
        self.claimName = claimName
        self.readOnly = readOnly
    }
}

/// A Secret's keys as files. `defaultMode` is the decimal value of the octal mode (0o600 = 384),
/// as the API (JSON has no octal) expects.
public struct SecretVolumeSource: Codable, Sendable, Equatable {
    public var secretName: String
    public var defaultMode: Int?
    public var items: [KeyToPath]?
    public var optional: Bool?

    public init(secretName: String, defaultMode: Int? = nil, items: [KeyToPath]? = nil, optional: Bool? = nil) {
        self.secretName = secretName
        self.defaultMode = defaultMode
        self.items = items
        self.optional = optional
    }
}

public struct KeyToPath: Codable, Sendable, Equatable {
    public var key: String
    public var path: String
    public var mode: Int?

    public init(key: String, path: String, mode: Int? = nil) {
        self.key = key
        self.path = path
        self.mode = mode
    }
}
