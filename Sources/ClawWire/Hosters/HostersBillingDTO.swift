/// `GET /api/v1/billing/summary`.
public struct HostersSummaryDTO: Codable, Sendable, Equatable {
    public var clawsBalance: Int64
    public var dailyClawCost: Int64
    /// Whole days the balance pays for at today's cost; null when nothing is billed.
    @ExplicitNull public var daysRemaining: Int64?
    public var lowBalance: Bool
    /// `active` (something is paid for), `expired` (only paused instances), `none`.
    public var subscriptionStatus: String
    /// The largest tier among the billed instances; null when none.
    @ExplicitNull public var subscriptionTier: String?
    public var instancesCount: Int
    public var runningInstancesCount: Int

    public init(clawsBalance: Int64, dailyClawCost: Int64, daysRemaining: Int64?, lowBalance: Bool,
                subscriptionStatus: String, subscriptionTier: String?, instancesCount: Int, runningInstancesCount: Int) {
        self.clawsBalance = clawsBalance
        self.dailyClawCost = dailyClawCost
        self.daysRemaining = daysRemaining
        self.lowBalance = lowBalance
        self.subscriptionStatus = subscriptionStatus
        self.subscriptionTier = subscriptionTier
        self.instancesCount = instancesCount
        self.runningInstancesCount = runningInstancesCount
    }

    enum CodingKeys: String, CodingKey {
        case clawsBalance = "claws_balance", dailyClawCost = "daily_claw_cost", daysRemaining = "days_remaining"
        case lowBalance = "low_balance", subscriptionStatus = "subscription_status", subscriptionTier = "subscription_tier"
        case instancesCount = "instances_count", runningInstancesCount = "running_instances_count"
    }
}

/// `GET /api/v1/billing/usage`: what each listed instance costs per day (0 when not billed).
public struct HostersUsageDTO: Codable, Sendable, Equatable {
    public struct Item: Codable, Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var tier: String
        public var dailyClaws: Int64
        public var status: String
        public var billingMode: String

        public init(id: Int64, name: String, tier: String, dailyClaws: Int64, status: String, billingMode: String) {
            self.id = id
            self.name = name
            self.tier = tier
            self.dailyClaws = dailyClaws
            self.status = status
            self.billingMode = billingMode
        }

        enum CodingKeys: String, CodingKey {
            case id, name, tier, dailyClaws = "daily_claws", status, billingMode = "billing_mode"
        }
    }

    /// An add-on's daily cost; clawd's one add-on (`backup`) costs nothing.
    public struct Addon: Codable, Sendable, Equatable {
        public var id: Int64
        public var type: String
        public var instanceId: Int64
        public var dailyClaws: Int64

        public init(id: Int64, type: String, instanceId: Int64, dailyClaws: Int64) {
            self.id = id
            self.type = type
            self.instanceId = instanceId
            self.dailyClaws = dailyClaws
        }

        enum CodingKeys: String, CodingKey { case id, type, instanceId = "instance_id", dailyClaws = "daily_claws" }
    }

    public var dailyTotal: Int64
    public var instances: [Item]
    public var addons: [Addon]

    public init(instances: [Item], addons: [Addon] = []) {
        self.instances = instances
        self.addons = addons
        dailyTotal = instances.reduce(0) { $0 + $1.dailyClaws } + addons.reduce(0) { $0 + $1.dailyClaws }
    }

    enum CodingKeys: String, CodingKey { case dailyTotal = "daily_total", instances, addons }
}

/// One row of `GET /api/v1/billing/transactions`.
public struct HostersTransactionDTO: Codable, Sendable, Equatable {
    public var id: Int64
    /// `credit`, `charge` or `refund`.
    public var type: String
    public var amountCents: Int64
    public var balanceAfterCents: Int64
    public var description: String
    @ExplicitNull public var instanceId: Int64?
    public var createdAt: String

    public init(id: Int64, type: String, amountCents: Int64, balanceAfterCents: Int64, description: String,
                instanceId: Int64?, createdAt: String) {
        self.id = id
        self.type = type
        self.amountCents = amountCents
        self.balanceAfterCents = balanceAfterCents
        self.description = description
        self.instanceId = instanceId
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, type, amountCents = "amount_cents", balanceAfterCents = "balance_after_cents", description
        case instanceId = "instance_id", createdAt = "created_at"
    }
}

/// One package of `GET /api/v1/billing/packages`.
public struct HostersPackageDTO: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var claws: Int64
    public var priceCents: Int64

    public init(id: String, name: String, claws: Int64, priceCents: Int64) {
        self.id = id
        self.name = name
        self.claws = claws
        self.priceCents = priceCents
    }

    enum CodingKeys: String, CodingKey { case id, name, claws, priceCents = "price_cents" }
}
