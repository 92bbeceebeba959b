import ClawCore
import ClawStore

/// What every instance object of the dialect derives from clawd's settings.
struct HostersInstanceFacts: Sendable {
    var urlTemplate: String
    var policy: LifecyclePolicy

    init(env: APIEnvironment) {
        urlTemplate = env.urlTemplate
        policy = env.instances.config.policy
    }

    /// Credits (cents) per day of `tier`: one period's price spread over its days, rounded up.
    func dailyCost(_ tier: Tier) -> Int64 { HostersBilling.dailyCost(policy.pricing.price(for: tier), periodSeconds: policy.periodSeconds) }

    /// The host part (`host[:port]`) of the instance URL from the configured template.
    func subdomainURL(_ instance: Instance) -> String {
        var rest = Substring(ClawInstanceDTO.url(template: urlTemplate, instance: instance))
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        if let end = rest.firstIndex(where: { "/?#".contains($0) }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        return String(rest)
    }
}

/// The Instance object (api-hosters.md): list items carry the fields up to `provisioned_at`, the
/// detail all of them. Nullable fields are written as `null`, never left out.
struct HostersInstanceDTO: Encodable {
    var record: HostersInstanceRecord
    var facts: HostersInstanceFacts
    /// Detail only: whether the stored IM config has a Telegram section.
    var telegramConfigured: Bool?

    /// The address where clawd publishes the instance (`127.0.0.1:<host port>`), once it has run.
    static let publishedAddress = "127.0.0.1"

    enum Key: String, CodingKey {
        case id, name, status, tier, billingMode = "billing_mode", ipAddress = "ip_address", healthStatus = "health_status"
        case createdAt = "created_at", provisionedAt = "provisioned_at", canStart = "can_start", canStop = "can_stop"
        case canRestart = "can_restart", subdomainURL = "subdomain_url", dailyClawCost = "daily_claw_cost"
        case llmConfigured = "llm_configured", telegramConfigured = "telegram_configured"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        let i = record.instance
        let status = HostersStatus(record)
        try c.encode(record.number, forKey: .id)
        try c.encode(i.subdomain, forKey: .name)
        try c.encode(status.rawValue, forKey: .status)
        try c.encode(i.tier.rawValue, forKey: .tier)
        try c.encode(HostersBilling.billingMode, forKey: .billingMode)
        let reachable = record.provisionedAt != nil && i.hostPort != nil && [.running, .stopped, .paused].contains(status)
        try c.encode(reachable ? Self.publishedAddress : nil, forKey: .ipAddress)
        try c.encode(i.healthStatus.rawValue, forKey: .healthStatus)
        try c.encode(i.createdAt.iso8601, forKey: .createdAt)
        try c.encode(record.provisionedAt?.iso8601, forKey: .provisionedAt)
        guard let telegramConfigured else { return }
        try c.encode(status.canStart, forKey: .canStart)
        try c.encode(status.canStop, forKey: .canStop)
        try c.encode(status.canRestart, forKey: .canRestart)
        try c.encode(facts.subdomainURL(i), forKey: .subdomainURL)
        try c.encode(facts.dailyCost(i.tier), forKey: .dailyClawCost)
        try c.encode(i.defaultModel != nil, forKey: .llmConfigured)
        try c.encode(telegramConfigured, forKey: .telegramConfigured)
    }

    /// A Telegram section: any key of the IM config that names Telegram (`telegram`, `telegramBotToken`, …).
    static func hasTelegram(_ imConfig: [String: String]?) -> Bool {
        imConfig?.keys.contains { $0.lowercased().contains("telegram") } ?? false
    }
}

/// The answer of start, stop, restart and DELETE: `{id, name, status, tier, can_start, can_stop, can_restart}`.
struct HostersActionDTO: Encodable {
    var number: Int64
    var instance: Instance
    var deleting: Bool

    enum Key: String, CodingKey {
        case id, name, status, tier, canStart = "can_start", canStop = "can_stop", canRestart = "can_restart"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        let status = HostersStatus(instance, deleting: deleting)
        try c.encode(number, forKey: .id)
        try c.encode(instance.subdomain, forKey: .name)
        try c.encode(status.rawValue, forKey: .status)
        try c.encode(instance.tier.rawValue, forKey: .tier)
        try c.encode(status.canStart, forKey: .canStart)
        try c.encode(status.canStop, forKey: .canStop)
        try c.encode(status.canRestart, forKey: .canRestart)
    }
}
