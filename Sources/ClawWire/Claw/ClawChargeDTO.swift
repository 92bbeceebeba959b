/// The answer of create (201, with `url`) and renew (200): what was charged, in dollars.
public struct ClawChargeDTO: Codable, Sendable, Equatable {
    public var id: String
    public var subdomain: String
    public var url: String?
    public var status: String
    public var paidUntil: String
    public var charged: Bool
    public var chargedAmount: Double
    public var operationId: String?

    public init(id: String, subdomain: String, url: String?, status: String, paidUntil: String, charged: Bool = true,
                chargedAmount: Double, operationId: String?) {
        self.id = id
        self.subdomain = subdomain
        self.url = url
        self.status = status
        self.paidUntil = paidUntil
        self.charged = charged
        self.chargedAmount = chargedAmount
        self.operationId = operationId
    }
}
