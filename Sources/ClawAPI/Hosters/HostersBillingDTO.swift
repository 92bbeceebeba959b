import ClawCore
import ClawStore

/// `GET /api/v1/billing/summary`.
struct HostersSummaryDTO: Encodable {
    var clawsBalance: Int64
    var dailyClawCost: Int64
    /// Whole days the balance pays for at today's cost; null when nothing is billed.
    var daysRemaining: Int64?
    var lowBalance: Bool
    /// `active` (something is paid for), `expired` (only paused instances), `none`.
    var subscriptionStatus: String
    /// The largest tier among the billed instances; null when none.
    var subscriptionTier: String?
    var instancesCount: Int
    var runningInstancesCount: Int

    enum CodingKeys: String, CodingKey {
        case clawsBalance = "claws_balance", dailyClawCost = "daily_claw_cost", daysRemaining = "days_remaining"
        case lowBalance = "low_balance", subscriptionStatus = "subscription_status", subscriptionTier = "subscription_tier"
        case instancesCount = "instances_count", runningInstancesCount = "running_instances_count"
    }

    init(balance: Cents, records: [HostersInstanceRecord], facts: HostersInstanceFacts) {
        let billed = records.map(\.instance).filter(HostersBilling.isBilled)
        clawsBalance = balance.value
        dailyClawCost = billed.reduce(0) { $0 + facts.dailyCost($1.tier) }
        daysRemaining = HostersBilling.daysRemaining(balance: balance, dailyCost: dailyClawCost)
        lowBalance = daysRemaining.map { $0 < HostersBilling.lowBalanceDays } ?? false
        let paused = records.contains { HostersStatus($0) == .paused }
        subscriptionStatus = !billed.isEmpty ? "active" : paused ? "expired" : "none"
        subscriptionTier = Tier.allCases.last { tier in billed.contains { $0.tier == tier } }?.rawValue
        instancesCount = records.count
        runningInstancesCount = records.filter { HostersStatus($0) == .running }.count
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(clawsBalance, forKey: .clawsBalance)
        try c.encode(dailyClawCost, forKey: .dailyClawCost)
        try c.encode(daysRemaining, forKey: .daysRemaining)
        try c.encode(lowBalance, forKey: .lowBalance)
        try c.encode(subscriptionStatus, forKey: .subscriptionStatus)
        try c.encode(subscriptionTier, forKey: .subscriptionTier)
        try c.encode(instancesCount, forKey: .instancesCount)
        try c.encode(runningInstancesCount, forKey: .runningInstancesCount)
    }
}

/// `GET /api/v1/billing/usage`: what each listed instance costs per day (0 when not billed).
struct HostersUsageDTO: Encodable {
    struct Item: Encodable {
        var id: Int64
        var name: String
        var tier: String
        var dailyClaws: Int64
        var status: String
        var billingMode: String

        enum CodingKeys: String, CodingKey {
            case id, name, tier, dailyClaws = "daily_claws", status, billingMode = "billing_mode"
        }
    }

    /// An add-on's daily cost; clawd's one add-on (`backup`) costs nothing.
    struct Addon: Encodable {
        var id: Int64
        var type: String
        var instanceId: Int64
        var dailyClaws: Int64

        enum CodingKeys: String, CodingKey { case id, type, instanceId = "instance_id", dailyClaws = "daily_claws" }
    }

    var dailyTotal: Int64
    var instances: [Item]
    var addons: [Addon]

    enum CodingKeys: String, CodingKey { case dailyTotal = "daily_total", instances, addons }

    init(records: [HostersInstanceRecord], facts: HostersInstanceFacts, addons: [Addon] = []) {
        instances = records.map { r in
            Item(id: r.number, name: r.instance.subdomain, tier: r.instance.tier.rawValue,
                 dailyClaws: HostersBilling.isBilled(r.instance) ? facts.dailyCost(r.instance.tier) : 0,
                 status: HostersStatus(r).rawValue, billingMode: HostersBilling.billingMode)
        }
        self.addons = addons
        dailyTotal = instances.reduce(0) { $0 + $1.dailyClaws } + addons.reduce(0) { $0 + $1.dailyClaws }
    }
}

/// One row of `GET /api/v1/billing/transactions`.
struct HostersTransactionDTO: Encodable {
    var entry: LedgerEntry
    var instanceNumber: Int64?

    enum Key: String, CodingKey {
        case id, type, amountCents = "amount_cents", balanceAfterCents = "balance_after_cents", description
        case instanceId = "instance_id", createdAt = "created_at"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(entry.id, forKey: .id)
        try c.encode(entry.kind.rawValue, forKey: .type)
        try c.encode(entry.amount.value, forKey: .amountCents)
        try c.encode(entry.balanceAfter.value, forKey: .balanceAfterCents)
        try c.encode(entry.description, forKey: .description)
        try c.encode(instanceNumber, forKey: .instanceId)
        try c.encode(entry.createdAt.iso8601, forKey: .createdAt)
    }
}

/// One package of `GET /api/v1/billing/packages`.
struct HostersPackageDTO: Encodable {
    var id: String
    var name: String
    var claws: Int64
    var priceCents: Int64

    enum CodingKeys: String, CodingKey { case id, name, claws, priceCents = "price_cents" }

    init(_ p: ClawPackage) {
        id = p.id
        name = p.name
        claws = p.claws
        priceCents = p.priceCents
    }
}
