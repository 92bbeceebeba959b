import ClawCore
import ClawStore

/// `GET /api/v1/account`: the org of the key. `email` is left out when the org has none.
struct HostersAccountDTO: Encodable {
    var account: HostersAccount

    init(_ account: HostersAccount) { self.account = account }

    enum Key: String, CodingKey {
        case id, name, email, createdAt = "created_at", balanceCents = "balance_cents", apiKeysCount = "api_keys_count"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(account.org.id, forKey: .id)
        try c.encode(account.org.name, forKey: .name)
        try c.encodeIfPresent(account.org.email, forKey: .email)
        try c.encode(account.org.createdAt.iso8601, forKey: .createdAt)
        try c.encode(account.org.balance.value, forKey: .balanceCents)
        try c.encode(account.activeKeys, forKey: .apiKeysCount)
    }
}
