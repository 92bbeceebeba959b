/// An API key on the admin socket; `key` (the secret) only in the answer that created it
/// (`null` elsewhere). Absent optional fields are written as `null`, as in every admin answer.
public struct KeyDTO: Codable, Sendable, Equatable {
    public var id: String
    @ExplicitNull public var name: String?
    public var prefix: String
    public var last4: String
    public var createdAt: String
    @ExplicitNull public var expiresAt: String?
    @ExplicitNull public var revokedAt: String?
    @ExplicitNull public var key: String?

    public init(id: String, name: String?, prefix: String, last4: String, createdAt: String, expiresAt: String?,
                revokedAt: String?, key: String?) {
        self.id = id
        self.name = name
        self.prefix = prefix
        self.last4 = last4
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.key = key
    }
}

/// `GET /admin/orgs/<org>/keys`.
public struct KeyListDTO: Codable, Sendable, Equatable {
    public var keys: [KeyDTO]
    public init(keys: [KeyDTO]) { self.keys = keys }
}

/// `POST /admin/orgs/<org>/keys`: every field optional.
public struct CreateKeyRequest: Codable, Sendable, Equatable {
    public var name: String?
    /// 1-16 chars of `[a-z0-9_]` starting with a letter or digit (`oc_live_`); `claw` when absent.
    public var prefix: String?
    /// ISO-8601 with a zone.
    public var expiresAt: String?

    public init(name: String? = nil, prefix: String? = nil, expiresAt: String? = nil) {
        self.name = name
        self.prefix = prefix
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case name, prefix, expiresAt }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        prefix = try c.decodeIfPresent(String.self, forKey: .prefix)
        expiresAt = try c.decodeIfPresent(String.self, forKey: .expiresAt)
    }
}
