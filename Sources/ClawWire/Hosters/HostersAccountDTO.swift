/// `GET /api/v1/account`: the org of the key. `email` is left out when the org has none.
public struct HostersAccountDTO: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var email: String?
    public var createdAt: String
    public var balanceCents: Int64
    public var apiKeysCount: Int

    public init(id: String, name: String, email: String?, createdAt: String, balanceCents: Int64, apiKeysCount: Int) {
        self.id = id
        self.name = name
        self.email = email
        self.createdAt = createdAt
        self.balanceCents = balanceCents
        self.apiKeysCount = apiKeysCount
    }

    enum CodingKeys: String, CodingKey {
        case id, name, email, createdAt = "created_at", balanceCents = "balance_cents", apiKeysCount = "api_keys_count"
    }
}
