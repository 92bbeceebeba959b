/// `POST /v1/claw/instances`. Shapes only: the values' rules (charset, lengths) are the server's.
public struct CreateInstanceRequest: Codable, Sendable, Equatable {
    public var subdomain: String
    public var defaultModel: String?
    /// `budget`, `balanced` (default) or `pro`.
    public var tier: String?
    /// Any JSON object, nested sections included (`{"telegram": {"botToken": "…"}}`).
    public var imConfig: [String: JSONValue]?
    /// The instance's image instead of the configured one: the admin socket only.
    public var image: String?

    public init(subdomain: String, defaultModel: String? = nil, tier: String? = nil, imConfig: [String: JSONValue]? = nil,
                image: String? = nil) {
        self.subdomain = subdomain
        self.defaultModel = defaultModel
        self.tier = tier
        self.imConfig = imConfig
        self.image = image
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case subdomain, defaultModel, tier, imConfig, image }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        subdomain = try c.decode(String.self, forKey: .subdomain)
        defaultModel = try c.decodeIfPresent(String.self, forKey: .defaultModel)
        tier = try c.decodeIfPresent(String.self, forKey: .tier)
        imConfig = try c.decodeJSONObject(forKey: .imConfig).patch ?? nil
        image = try c.decodeIfPresent(String.self, forKey: .image)
    }
}

/// `PATCH /v1/claw/instances/<id>`: absent keeps a field, `null` clears it.
public struct PatchInstanceRequest: Codable, Sendable, Equatable {
    public var defaultModel: Presence<String>
    public var imConfig: Presence<[String: JSONValue]>

    public init(defaultModel: Presence<String> = .absent, imConfig: Presence<[String: JSONValue]> = .absent) {
        self.defaultModel = defaultModel
        self.imConfig = imConfig
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case defaultModel, imConfig }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        defaultModel = try c.decodePresence(String.self, forKey: .defaultModel)
        imConfig = try c.decodeJSONObject(forKey: .imConfig)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodePresence(defaultModel, forKey: .defaultModel)
        try c.encodePresence(imConfig, forKey: .imConfig)
    }
}

/// `POST /v1/claw/instances/<id>/renew`: absent or null renews the current tier.
public struct RenewInstanceRequest: Codable, Sendable, Equatable {
    public var tier: String?
    public init(tier: String? = nil) { self.tier = tier }

    enum CodingKeys: String, CodingKey, CaseIterable { case tier }

    public init(from decoder: any Decoder) throws {
        tier = try decoder.strictContainer(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .tier)
    }
}
