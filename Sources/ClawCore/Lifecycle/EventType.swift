/// The event types the lifecycle emits (`LifecycleEffect.event`).
public enum EventType {
    public static let instanceCreated = "instance.created"
    public static let instanceProvisioning = "instance.provisioning"
    public static let instanceRunning = "instance.running"
    public static let instanceStarted = "instance.started"
    public static let instanceStopped = "instance.stopped"
    public static let instanceRestarted = "instance.restarted"
    public static let instanceRebuilt = "instance.rebuilt"
    public static let instanceUpdated = "instance.updated"
    public static let instanceRenewed = "instance.renewed"
    public static let instanceExpired = "instance.expired"
    public static let instanceFailed = "instance.failed"
    public static let instanceDeleted = "instance.deleted"
    public static let instanceProvisioningRetry = "instance.provisioning_retry"
    public static let instanceUnhealthy = "instance.unhealthy"
    public static let instanceHealthy = "instance.healthy"
    /// The instance's volume is larger than its tier's disk limit: it is stopped (`quota`).
    public static let instanceDiskOverLimit = "instance.disk_over_limit"
    public static let billingCharged = "billing.charged"
    public static let billingRefunded = "billing.refunded"
    /// The org's balance cannot pay the next renewal of its instances due within 7 days.
    public static let billingLowBalance = "billing.low_balance"
}
