/// An organization: owns instances, API keys and a balance.
public struct Org: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var email: String?
    public var balance: Cents
    public var createdAt: Timestamp
    public init(id: String, name: String, email: String?, balance: Cents, createdAt: Timestamp) {
        self.id = id
        self.name = name
        self.email = email
        self.balance = balance
        self.createdAt = createdAt
    }
}

/// A stored API key (the secret itself is never stored, only its SHA-256).
public struct APIKeyRecord: Sendable, Equatable {
    public var id: String
    public var orgID: String
    public var name: String?
    public var prefix: String
    public var last4: String
    public var createdAt: Timestamp
    public var expiresAt: Timestamp?
    public var revokedAt: Timestamp?
    public init(id: String, orgID: String, name: String?, prefix: String, last4: String,
                createdAt: Timestamp, expiresAt: Timestamp?, revokedAt: Timestamp?) {
        self.id = id
        self.orgID = orgID
        self.name = name
        self.prefix = prefix
        self.last4 = last4
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }
}

/// One money movement. Amounts are positive; the kind says which way it goes.
public struct LedgerEntry: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable { case credit, charge, refund }
    public var id: Int64
    public var orgID: String
    public var instanceID: String?
    public var kind: Kind
    public var amount: Cents
    public var balanceAfter: Cents
    public var description: String
    /// The `Idempotency-Key` of the request that caused it, when it carried one.
    public var idempotencyKey: String?
    public var createdAt: Timestamp
    public init(id: Int64, orgID: String, instanceID: String?, kind: Kind, amount: Cents,
                balanceAfter: Cents, description: String, idempotencyKey: String? = nil, createdAt: Timestamp) {
        self.id = id
        self.orgID = orgID
        self.instanceID = instanceID
        self.kind = kind
        self.amount = amount
        self.balanceAfter = balanceAfter
        self.description = description
        self.idempotencyKey = idempotencyKey
        self.createdAt = createdAt
    }
}
