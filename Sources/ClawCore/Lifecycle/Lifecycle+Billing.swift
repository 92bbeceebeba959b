extension Lifecycle {
    /// One more period from `max(paidUntil, now)`; an expired instance runs again at once. A
    /// different `tier` switches the instance to it and charges its price; the container is
    /// recreated (a new generation) so the new limits apply.
    static func renew(_ i: inout Instance, tier: Tier?, now: Timestamp,
                      policy: LifecyclePolicy) throws(ClawError) -> [LifecycleEffect] {
        guard !i.status.isTerminal else { throw conflict(.renew(tier: tier), i.status) }
        let switchesTier = tier.map { $0 != i.tier } ?? false
        if let tier, switchesTier {
            i.tier = tier
            i.generation += 1
            if i.status == .running { i.healthStatus = .unknown }
        }
        let amount = price(tier: i.tier, pricing: policy.pricing)
        i.totalPaid = i.totalPaid + amount
        i.paidUntil = max(i.paidUntil, now).adding(seconds: policy.periodSeconds)
        let hadRetention = i.deleteAfter != nil
        i.deleteAfter = nil
        var effects: [LifecycleEffect] = [
            .charge(amount), .event(type: EventType.billingCharged), .event(type: EventType.instanceRenewed),
        ]
        if switchesTier { effects.append(.event(type: EventType.instanceUpdated)) }
        let wasExpired = i.status == .stopped && i.stopReason == .expired
        if wasExpired {
            i.status = .running
            i.stopReason = nil
            i.desired = .running
            i.healthStatus = .unknown
            effects.append(.event(type: EventType.instanceStarted))
        }
        effects.append(.armDeadline(.expiry, at: i.paidUntil))
        if hadRetention { effects.append(.disarmDeadline(.retention)) }
        if wasExpired || switchesTier { effects.append(.wakeWorker) }
        return effects
    }

    /// The timer at `paidUntil`; a no-op unless the instance is due and not yet expired.
    static func expire(_ i: inout Instance, now: Timestamp, policy: LifecyclePolicy) -> [LifecycleEffect] {
        guard !i.status.isTerminal, !(i.status == .stopped && i.stopReason == .expired),
              now >= i.paidUntil else { return [] }
        let deleteAfter = i.paidUntil.adding(seconds: policy.retentionSeconds)
        i.status = .stopped
        i.stopReason = .expired
        i.desired = .stopped
        i.healthStatus = .unknown
        i.deleteAfter = deleteAfter
        return [.event(type: EventType.instanceExpired), .armDeadline(.retention, at: deleteAfter), .wakeWorker]
    }

    /// The timer at `deleteAfter`; a no-op unless the instance is `STOPPED(expired)` and due.
    static func retention(_ i: inout Instance, now: Timestamp) -> [LifecycleEffect] {
        guard i.status == .stopped, i.stopReason == .expired,
              let deleteAfter = i.deleteAfter, now >= deleteAfter else { return [] }
        markDeleted(&i)
        return [.event(type: EventType.instanceDeleted), .wakeWorker]
    }
}
