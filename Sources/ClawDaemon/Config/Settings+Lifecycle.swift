import ClawCore
import ClawServices
import ClawStore

extension Settings {
    /// The lifecycle numbers from configuration.
    public var lifecyclePolicy: LifecyclePolicy {
        LifecyclePolicy(periodSeconds: periodSeconds, retentionSeconds: retentionSeconds, rebuildsPerDay: rebuildsPerDay,
                        pricing: Pricing(budget: Cents(priceBudgetCents), balanced: Cents(priceBalancedCents),
                                         pro: Cents(priceProCents)))
    }

    public var instanceServiceConfig: InstanceServiceConfig {
        InstanceServiceConfig(policy: lifecyclePolicy, image: image, portRange: hostPortRange)
    }
}
