import ClawCore
import ClawStore
import ClawWire

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
        var rest = Substring(ClawInstanceRow.url(template: urlTemplate, instance: instance))
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        if let end = rest.firstIndex(where: { "/?#".contains($0) }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        return String(rest)
    }
}

extension HostersInstanceDTO {
    /// A list item; with `imConfig` (what the stored IM config holds) the detail.
    init(record: HostersInstanceRecord, facts: HostersInstanceFacts, imConfig: IMConfigFacts? = nil) {
        let i = record.instance
        let status = HostersStatus(record)
        self.init(id: record.number, name: i.subdomain, status: status.rawValue, tier: i.tier.rawValue,
                  billingMode: HostersBilling.billingMode, ipAddress: status == .running ? record.runtimeAddress : nil,
                  healthStatus: i.healthStatus.rawValue, createdAt: i.createdAt.iso8601,
                  provisionedAt: record.provisionedAt?.iso8601)
        guard let imConfig else { return }
        canStart = status.canStart
        canStop = status.canStop
        canRestart = status.canRestart
        subdomainURL = facts.subdomainURL(i)
        dailyClawCost = facts.dailyCost(i.tier)
        llmConfigured = i.defaultModel != nil || imConfig.hasLLM
        telegramConfigured = imConfig.hasTelegram
    }
}

extension HostersActionDTO {
    init(number: Int64, instance: Instance, deleting: Bool, operationID: String? = nil) {
        let status = HostersStatus(instance, deleting: deleting)
        self.init(id: number, name: instance.subdomain, status: status.rawValue, tier: instance.tier.rawValue,
                  canStart: status.canStart, canStop: status.canStop, canRestart: status.canRestart, operationId: operationID)
    }
}
