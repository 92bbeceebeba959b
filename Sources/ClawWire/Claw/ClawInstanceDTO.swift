/// The Claw dialect's Instance object (docs/spec/api-claw.md) plus clawd's additions. Money in dollars;
/// nullable fields are written as `null`, never left out, so clients see a stable shape;
/// `operationId` appears only on answers that started an operation.
public struct ClawInstanceDTO: Codable, Sendable, Equatable {
    public var id: String
    public var subdomain: String
    public var url: String
    @ExplicitNull public var defaultModel: String?
    public var hasIMConfig: Bool
    /// `PENDING`, `PROVISIONING`, `RUNNING`, `STOPPED`, `FAILED`, `DELETED`.
    public var status: String
    public var paidUntil: String
    public var canRebuild: Bool
    public var totalPaid: Double
    public var createdAt: String
    /// `user`, `expired` or `quota` while STOPPED.
    @ExplicitNull public var stopReason: String?
    @ExplicitNull public var deleteAfter: String?
    public var healthStatus: String
    public var tier: String
    public var rebuildsLeftToday: Int
    public var operationId: String?
    /// The volume's size in bytes at the last measurement; null until the first one.
    @ExplicitNull public var diskBytes: Int64?

    public init(id: String, subdomain: String, url: String, defaultModel: String?, hasIMConfig: Bool, status: String,
                paidUntil: String, canRebuild: Bool, totalPaid: Double, createdAt: String, stopReason: String?,
                deleteAfter: String?, healthStatus: String, tier: String, rebuildsLeftToday: Int, operationId: String? = nil,
                diskBytes: Int64? = nil) {
        self.id = id
        self.subdomain = subdomain
        self.url = url
        self.defaultModel = defaultModel
        self.hasIMConfig = hasIMConfig
        self.status = status
        self.paidUntil = paidUntil
        self.canRebuild = canRebuild
        self.totalPaid = totalPaid
        self.createdAt = createdAt
        self.stopReason = stopReason
        self.deleteAfter = deleteAfter
        self.healthStatus = healthStatus
        self.tier = tier
        self.rebuildsLeftToday = rebuildsLeftToday
        self.operationId = operationId
        self.diskBytes = diskBytes
    }
}

/// `GET /v1/claw/instances`.
public struct ClawInstanceListDTO: Codable, Sendable, Equatable {
    public var instances: [ClawInstanceDTO]
    public init(instances: [ClawInstanceDTO]) { self.instances = instances }
}
