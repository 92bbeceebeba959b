/// A purchase on the admin socket (camelCase like the rest of `/admin`); `balanceCents` is set only
/// in the answer of approve (`null` elsewhere).
public struct AdminPurchaseDTO: Codable, Sendable, Equatable {
    public var id: Int64
    public var orgId: String
    public var packageId: String
    public var claws: Int64
    public var priceCents: Int64
    /// `pending`, `approved` or `rejected`.
    public var status: String
    @ExplicitNull public var ledgerId: Int64?
    public var createdAt: String
    @ExplicitNull public var decidedAt: String?
    @ExplicitNull public var balanceCents: Int64?

    public init(id: Int64, orgId: String, packageId: String, claws: Int64, priceCents: Int64, status: String,
                ledgerId: Int64?, createdAt: String, decidedAt: String?, balanceCents: Int64?) {
        self.id = id
        self.orgId = orgId
        self.packageId = packageId
        self.claws = claws
        self.priceCents = priceCents
        self.status = status
        self.ledgerId = ledgerId
        self.createdAt = createdAt
        self.decidedAt = decidedAt
        self.balanceCents = balanceCents
    }
}

/// `GET /admin/purchases`.
public struct AdminPurchaseListDTO: Codable, Sendable, Equatable {
    public var purchases: [AdminPurchaseDTO]
    public init(purchases: [AdminPurchaseDTO]) { self.purchases = purchases }
}
