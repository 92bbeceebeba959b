/// The `backup` add-on of one instance: `id` (the instance's integer id: one add-on each),
/// `type`, `name`, `instance_id`, `enabled`, `status` (`active`/`inactive`), `schedule` (cron,
/// UTC), `retention_days`, `next_run_at`, `daily_claw_cost` (0: included), `updated_at`.
public struct HostersAddonDTO: Codable, Sendable, Equatable {
    public var id: Int64
    public var type: String
    public var name: String
    public var instanceId: Int64
    public var enabled: Bool
    public var status: String
    public var schedule: String
    public var retentionDays: Int
    @ExplicitNull public var nextRunAt: String?
    public var dailyClawCost: Int64
    public var updatedAt: String

    public init(id: Int64, type: String, name: String, instanceId: Int64, enabled: Bool, status: String, schedule: String,
                retentionDays: Int, nextRunAt: String?, dailyClawCost: Int64, updatedAt: String) {
        self.id = id
        self.type = type
        self.name = name
        self.instanceId = instanceId
        self.enabled = enabled
        self.status = status
        self.schedule = schedule
        self.retentionDays = retentionDays
        self.nextRunAt = nextRunAt
        self.dailyClawCost = dailyClawCost
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, type, name, instanceId = "instance_id", enabled, status, schedule, retentionDays = "retention_days"
        case nextRunAt = "next_run_at", dailyClawCost = "daily_claw_cost", updatedAt = "updated_at"
    }
}

/// `PATCH /api/v1/addons/<id>`: any of the three; `null` is refused by the server.
public struct HostersAddonPatch: Codable, Sendable, Equatable {
    public var enabled: Presence<Bool>
    public var schedule: Presence<String>
    public var retentionDays: Presence<Int>

    public init(enabled: Presence<Bool> = .absent, schedule: Presence<String> = .absent,
                retentionDays: Presence<Int> = .absent) {
        self.enabled = enabled
        self.schedule = schedule
        self.retentionDays = retentionDays
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case enabled, schedule, retentionDays = "retention_days" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        enabled = try c.decodePresence(Bool.self, forKey: .enabled)
        schedule = try c.decodePresence(String.self, forKey: .schedule)
        retentionDays = try c.decodeIntegerPresence(forKey: .retentionDays)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodePresence(enabled, forKey: .enabled)
        try c.encodePresence(schedule, forKey: .schedule)
        try c.encodePresence(retentionDays, forKey: .retentionDays)
    }
}
