/// The Instance object (docs/spec/api-hosters.md): list items carry the fields up to `provisioned_at`, the
/// detail all of them. Nullable fields are written as `null`, never left out.
public struct HostersInstanceDTO: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    /// `provisioning`, `running`, `stopped`, `paused`, `error`, `deleting`.
    public var status: String
    public var tier: String
    public var billingMode: String
    @ExplicitNull public var ipAddress: String?
    public var healthStatus: String
    public var createdAt: String
    @ExplicitNull public var provisionedAt: String?
    /// The detail's fields (left out of list items).
    public var canStart: Bool?
    public var canStop: Bool?
    public var canRestart: Bool?
    public var subdomainURL: String?
    public var dailyClawCost: Int64?
    public var llmConfigured: Bool?
    public var telegramConfigured: Bool?

    public init(id: Int64, name: String, status: String, tier: String, billingMode: String, ipAddress: String?,
                healthStatus: String, createdAt: String, provisionedAt: String?) {
        self.id = id
        self.name = name
        self.status = status
        self.tier = tier
        self.billingMode = billingMode
        self.ipAddress = ipAddress
        self.healthStatus = healthStatus
        self.createdAt = createdAt
        self.provisionedAt = provisionedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name, status, tier, billingMode = "billing_mode", ipAddress = "ip_address", healthStatus = "health_status"
        case createdAt = "created_at", provisionedAt = "provisioned_at", canStart = "can_start", canStop = "can_stop"
        case canRestart = "can_restart", subdomainURL = "subdomain_url", dailyClawCost = "daily_claw_cost"
        case llmConfigured = "llm_configured", telegramConfigured = "telegram_configured"
    }
}

/// The answer of start, stop, restart and DELETE: `{id, name, status, tier, can_start, can_stop, can_restart}`.
public struct HostersActionDTO: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var status: String
    public var tier: String
    public var canStart: Bool
    public var canStop: Bool
    public var canRestart: Bool
    /// The operation the action started (wait at `/v1/operations/{operation_id}/wait`, also the
    /// answer's `Location`); absent when the action needed none.
    public var operationId: String?

    public init(id: Int64, name: String, status: String, tier: String, canStart: Bool, canStop: Bool, canRestart: Bool,
                operationId: String? = nil) {
        self.operationId = operationId
        self.id = id
        self.name = name
        self.status = status
        self.tier = tier
        self.canStart = canStart
        self.canStop = canStop
        self.canRestart = canRestart
    }

    enum CodingKeys: String, CodingKey {
        case id, name, status, tier, canStart = "can_start", canStop = "can_stop", canRestart = "can_restart"
        case operationId = "operation_id"
    }
}
