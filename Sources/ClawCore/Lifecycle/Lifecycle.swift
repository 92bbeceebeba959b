/// The transition table of docs/spec/lifecycle.md as pure functions: an instance and a command in, the
/// instance to store and the effects to carry out back. No I/O, no clock: `now` is passed in.
public enum Lifecycle {
    /// The price of one period of `tier`.
    public static func price(tier: Tier, pricing: Pricing) -> Cents {
        pricing.price(for: tier)
    }

    /// A new, paid `PENDING` instance that should run; validates the client's fields.
    public static func create(id: String, orgID: String, subdomain: String, defaultModel: String? = nil,
                              hasIMConfig: Bool = false, tier: Tier = .default, image: String,
                              now: Timestamp, policy: LifecyclePolicy = .default) throws(ClawError) -> LifecycleOutcome {
        try InstanceValidation.checkSubdomain(subdomain)
        try InstanceValidation.checkDefaultModel(defaultModel)
        let amount = price(tier: tier, pricing: policy.pricing)
        let instance = Instance(
            id: id, orgID: orgID, subdomain: subdomain, defaultModel: defaultModel,
            hasIMConfig: hasIMConfig, tier: tier, status: .pending, desired: .running, image: image,
            paidUntil: now.adding(seconds: policy.periodSeconds), createdAt: now, updatedAt: now,
            rebuildDay: UTCDay.string(now), totalPaid: amount)
        return LifecycleOutcome(instance: instance, effects: [
            .charge(amount), .event(type: EventType.instanceCreated), .event(type: EventType.billingCharged),
            .armDeadline(.expiry, at: instance.paidUntil), .wakeWorker,
        ])
    }

    /// Applies `command` at `now`. An illegal request throws (`conflict`, or `insufficientBalance`,
    /// `rateLimited`, `invalidArgument`) and changes nothing; a timer or worker report that no longer
    /// applies returns a no-op outcome. No command leaves `FAILED` or `DELETED`.
    public static func apply(_ instance: Instance, _ command: LifecycleCommand, now: Timestamp,
                             policy: LifecyclePolicy = .default) throws(ClawError) -> LifecycleOutcome {
        var next = instance
        let effects: [LifecycleEffect]
        switch command {
        case .start: effects = try start(&next, now: now)
        case .stop: effects = try stop(&next)
        case .restart: effects = try restart(&next)
        case .rebuild(let image): effects = try rebuild(&next, image: image, now: now, policy: policy)
        case .patch(let model, let hasIM): effects = try patch(&next, defaultModel: model, hasIMConfig: hasIM)
        case .renew(let tier): effects = try renew(&next, tier: tier, now: now, policy: policy)
        case .delete: effects = try delete(&next)
        case .expire: effects = expire(&next, now: now, policy: policy)
        case .retention: effects = retention(&next, now: now)
        case .provisioningStarted: effects = provisioningStarted(&next)
        case .provisioned: effects = provisioned(&next)
        case .provisioningFailed(let final): effects = provisioningFailed(&next, final: final)
        case .containerDied: effects = containerDied(&next)
        case .healthProbe(let ok): effects = healthProbe(&next, ok: ok)
        case .diskOverLimit: effects = diskOverLimit(&next)
        }
        guard !effects.isEmpty else { return .noOp(instance) }
        next.updatedAt = now
        return LifecycleOutcome(instance: next, effects: effects)
    }

    /// The 409 of an illegal request: "cannot <verb> an instance in status X".
    public static func conflict(_ command: LifecycleCommand, _ status: InstanceStatus) -> ClawError {
        ClawError(.conflict, "cannot \(command.verb) an instance in status \(status.rawValue)")
    }
}
