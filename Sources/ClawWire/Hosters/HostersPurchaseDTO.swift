/// A purchase request as `buy_claws` answers it; `message` (how it gets approved) while pending.
public struct HostersPurchaseDTO: Codable, Sendable, Equatable {
    public var id: Int64
    public var packageId: String
    public var claws: Int64
    public var priceCents: Int64
    public var status: String
    public var createdAt: String
    @ExplicitNull public var decidedAt: String?
    public var message: String?

    public init(id: Int64, packageId: String, claws: Int64, priceCents: Int64, status: String, createdAt: String,
                decidedAt: String?, message: String?) {
        self.id = id
        self.packageId = packageId
        self.claws = claws
        self.priceCents = priceCents
        self.status = status
        self.createdAt = createdAt
        self.decidedAt = decidedAt
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case id, packageId = "package_id", claws, priceCents = "price_cents", status, createdAt = "created_at"
        case decidedAt = "decided_at", message
    }
}

/// `POST /api/v1/billing/buy_claws`.
public struct HostersBuyClawsRequest: Codable, Sendable, Equatable {
    public var packageId: String

    public init(packageId: String) { self.packageId = packageId }

    enum CodingKeys: String, CodingKey, CaseIterable { case packageId = "package_id" }

    public init(from decoder: any Decoder) throws {
        packageId = try decoder.strictContainer(keyedBy: CodingKeys.self).decode(String.self, forKey: .packageId)
    }
}
