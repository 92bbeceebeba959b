/// An org on the admin socket; `email` is `null` when it has none.
public struct OrgDTO: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    @ExplicitNull public var email: String?
    public var balanceCents: Int64
    public var createdAt: String

    public init(id: String, name: String, email: String?, balanceCents: Int64, createdAt: String) {
        self.id = id
        self.name = name
        self.email = email
        self.balanceCents = balanceCents
        self.createdAt = createdAt
    }
}

/// `GET /admin/orgs`.
public struct OrgListDTO: Codable, Sendable, Equatable {
    public var orgs: [OrgDTO]
    public init(orgs: [OrgDTO]) { self.orgs = orgs }
}

/// `POST /admin/orgs`.
public struct CreateOrgRequest: Codable, Sendable, Equatable {
    public var name: String
    public var email: String?

    public init(name: String, email: String? = nil) {
        self.name = name
        self.email = email
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case name, email }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        email = try c.decodeIfPresent(String.self, forKey: .email)
    }
}

/// `POST /admin/orgs/<org>/credit`: a positive number of cents.
public struct CreditOrgRequest: Codable, Sendable, Equatable {
    public var amountCents: Int
    public var description: String?

    public init(amountCents: Int, description: String? = nil) {
        self.amountCents = amountCents
        self.description = description
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case amountCents, description }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        amountCents = try c.decodeInteger(forKey: .amountCents)
        description = try c.decodeIfPresent(String.self, forKey: .description)
    }
}
