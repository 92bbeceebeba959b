import ClawCore
import ClawStore
import ClawWire

extension HostersSummaryDTO {
    init(balance: Cents, records: [HostersInstanceRecord], facts: HostersInstanceFacts) {
        let billed = records.map(\.instance).filter(HostersBilling.isBilled)
        let daily = billed.reduce(0) { $0 + facts.dailyCost($1.tier) }
        let days = HostersBilling.daysRemaining(balance: balance, dailyCost: daily)
        let paused = records.contains { HostersStatus($0) == .paused }
        self.init(clawsBalance: balance.value, dailyClawCost: daily, daysRemaining: days,
                  lowBalance: days.map { $0 < HostersBilling.lowBalanceDays } ?? false,
                  subscriptionStatus: !billed.isEmpty ? "active" : paused ? "expired" : "none",
                  subscriptionTier: Tier.allCases.last { tier in billed.contains { $0.tier == tier } }?.rawValue,
                  instancesCount: records.count,
                  runningInstancesCount: records.filter { HostersStatus($0) == .running }.count)
    }
}

extension HostersUsageDTO {
    init(records: [HostersInstanceRecord], facts: HostersInstanceFacts, addons: [Addon] = []) {
        self.init(instances: records.map { r in
            Item(id: r.number, name: r.instance.subdomain, tier: r.instance.tier.rawValue,
                 dailyClaws: HostersBilling.isBilled(r.instance) ? facts.dailyCost(r.instance.tier) : 0,
                 status: HostersStatus(r).rawValue, billingMode: HostersBilling.billingMode)
        }, addons: addons)
    }
}

extension HostersTransactionDTO {
    init(entry: LedgerEntry, instanceNumber: Int64?) {
        self.init(id: entry.id, type: entry.kind.rawValue, amountCents: entry.amount.value,
                  balanceAfterCents: entry.balanceAfter.value, description: entry.description,
                  instanceId: instanceNumber, createdAt: entry.createdAt.iso8601)
    }
}

extension HostersPackageDTO {
    init(_ p: ClawPackage) {
        self.init(id: p.id, name: p.name, claws: p.claws, priceCents: p.priceCents)
    }
}

extension HostersPurchaseDTO {
    init(_ purchase: ClawPurchase) {
        self.init(id: purchase.id, packageId: purchase.packageID, claws: purchase.claws, priceCents: purchase.priceCents,
                  status: purchase.status.rawValue, createdAt: purchase.createdAt.iso8601,
                  decidedAt: purchase.decidedAt?.iso8601,
                  message: purchase.status == .pending
                    ? "Recorded; the host admin approves it with `clawctl purchase approve \(purchase.id)`, which credits your balance."
                    : nil)
    }
}
