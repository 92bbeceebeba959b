/// One long-lived bot: one container plus one persistent named volume.
public struct Instance: Sendable, Equatable, Codable {
    public var id: String
    public var orgID: String
    public var subdomain: String
    public var defaultModel: String?
    /// Whether an IM config is stored (the config itself lives elsewhere and is never returned).
    public var hasIMConfig: Bool
    public var tier: Tier
    public var status: InstanceStatus
    /// Set only while `status == .stopped`.
    public var stopReason: StopReason?
    public var healthStatus: HealthStatus
    public var desired: Desired
    /// Bumped by rebuild, restart and config changes; the container carries it as a label.
    public var generation: Int
    public var image: String
    public var hostPort: Int?
    public var paidUntil: Timestamp
    /// Set only while `STOPPED(expired)`: when retention deletes the instance.
    public var deleteAfter: Timestamp?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    /// Failed provisioning attempts so far.
    public var provisionAttempts: Int
    /// The UTC day (`YYYY-MM-DD`) that `rebuildsOnDay` counts.
    public var rebuildDay: String
    public var rebuildsOnDay: Int
    /// Charges minus refunds for this instance.
    public var totalPaid: Cents
    /// The volume's size at the last measurement (nil: not measured yet). Observed, not intent:
    /// only the disk-usage sampler writes it, never a lifecycle transition.
    public var diskBytes: Int64?
    public var diskMeasuredAt: Timestamp?

    public init(id: String, orgID: String, subdomain: String, defaultModel: String? = nil,
                hasIMConfig: Bool = false, tier: Tier = .default, status: InstanceStatus,
                stopReason: StopReason? = nil, healthStatus: HealthStatus = .unknown,
                desired: Desired, generation: Int = 1, image: String, hostPort: Int? = nil,
                paidUntil: Timestamp, deleteAfter: Timestamp? = nil, createdAt: Timestamp,
                updatedAt: Timestamp, provisionAttempts: Int = 0, rebuildDay: String,
                rebuildsOnDay: Int = 0, totalPaid: Cents, diskBytes: Int64? = nil, diskMeasuredAt: Timestamp? = nil) {
        self.id = id
        self.orgID = orgID
        self.subdomain = subdomain
        self.defaultModel = defaultModel
        self.hasIMConfig = hasIMConfig
        self.tier = tier
        self.status = status
        self.stopReason = stopReason
        self.healthStatus = healthStatus
        self.desired = desired
        self.generation = generation
        self.image = image
        self.hostPort = hostPort
        self.paidUntil = paidUntil
        self.deleteAfter = deleteAfter
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.provisionAttempts = provisionAttempts
        self.rebuildDay = rebuildDay
        self.rebuildsOnDay = rebuildsOnDay
        self.totalPaid = totalPaid
        self.diskBytes = diskBytes
        self.diskMeasuredAt = diskMeasuredAt
    }

    /// The instance without its measurements: two rows with equal intent compare equal however
    /// their disk usage was sampled in between.
    public var intent: Instance {
        var i = self
        i.diskBytes = nil
        i.diskMeasuredAt = nil
        return i
    }
}
