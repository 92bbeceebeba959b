import ClawCore
import ClawStore
import Foundation

/// The Claw dialect's Instance object (api-claw.md), plus clawd's additions. Money in dollars;
/// optional fields are written as `null`, never left out, so clients see a stable shape.
struct ClawInstanceDTO: Encodable {
    var instance: Instance
    var url: String
    var canRebuild: Bool
    var rebuildsLeftToday: Int
    var operationID: String?

    init(_ instance: Instance, env: APIEnvironment, operationID: String? = nil, now: Timestamp = .now()) {
        self.init(instance, urlTemplate: env.urlTemplate, policy: env.instances.config.policy,
                  today: UTCDay.string(now), operationID: operationID)
    }

    init(_ instance: Instance, urlTemplate: String, policy: LifecyclePolicy, today: String, operationID: String? = nil) {
        self.instance = instance
        url = Self.url(template: urlTemplate, instance: instance)
        rebuildsLeftToday = Lifecycle.rebuildsLeftToday(instance, today: today, policy: policy)
        canRebuild = Lifecycle.canRebuild(instance, rebuildsLeft: rebuildsLeftToday)
        self.operationID = operationID
    }

    /// Many instances at one instant: the settings and today's date are read once.
    static func list(_ instances: [Instance], env: APIEnvironment, today: String) -> [ClawInstanceDTO] {
        let template = env.urlTemplate, policy = env.instances.config.policy
        return instances.map { ClawInstanceDTO($0, urlTemplate: template, policy: policy, today: today) }
    }

    /// `{hostPort}`, `{subdomain}` and `{id}` of the configured template.
    /// One pass over the template (Foundation's `replacingOccurrences` dominated a long list).
    static func url(template: String, instance: Instance) -> String {
        guard template.utf8.contains(UInt8(ascii: "{")) else { return template }
        let t = Array(template.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(t.count + 32)
        func placeholder(at n: Int, _ name: StaticString) -> Bool {
            name.withUTF8Buffer { p in n + p.count <= t.count && t[n..<(n + p.count)].elementsEqual(p) }
        }
        var n = 0
        while n < t.count {
            if t[n] == UInt8(ascii: "{") {
                if placeholder(at: n, "{hostPort}") {
                    ASCII.appendPadded(Int64(instance.hostPort ?? 0), to: &out)
                    n += 10
                    continue
                } else if placeholder(at: n, "{subdomain}") {
                    out.append(contentsOf: instance.subdomain.utf8)
                    n += 11
                    continue
                } else if placeholder(at: n, "{id}") {
                    out.append(contentsOf: instance.id.utf8)
                    n += 4
                    continue
                }
            }
            out.append(t[n])
            n += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    enum Key: String, CodingKey {
        case id, subdomain, url, defaultModel, hasIMConfig, status, paidUntil, canRebuild, totalPaid, createdAt
        case stopReason, deleteAfter, healthStatus, tier, rebuildsLeftToday, operationId
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        let i = instance
        try c.encode(i.id, forKey: .id)
        try c.encode(i.subdomain, forKey: .subdomain)
        try c.encode(url, forKey: .url)
        try c.encode(i.defaultModel, forKey: .defaultModel)
        try c.encode(i.hasIMConfig, forKey: .hasIMConfig)
        try c.encode(i.status.rawValue, forKey: .status)
        try c.encode(i.paidUntil.iso8601, forKey: .paidUntil)
        try c.encode(canRebuild, forKey: .canRebuild)
        try c.encode(i.totalPaid.dollars, forKey: .totalPaid)
        try c.encode(i.createdAt.iso8601, forKey: .createdAt)
        try c.encode(i.stopReason?.rawValue, forKey: .stopReason)
        try c.encode(i.deleteAfter?.iso8601, forKey: .deleteAfter)
        try c.encode(i.healthStatus.rawValue, forKey: .healthStatus)
        try c.encode(i.tier.rawValue, forKey: .tier)
        try c.encode(rebuildsLeftToday, forKey: .rebuildsLeftToday)
        try c.encodeIfPresent(operationID, forKey: .operationId)
    }
}

/// The answer of create (201) and renew (200): what was charged, in dollars.
struct ClawChargeDTO: Encodable {
    var id: String
    var subdomain: String
    var url: String?
    var status: String
    var paidUntil: String
    var charged = true
    var chargedAmount: Double
    var operationId: String?

    init(_ instance: Instance, env: APIEnvironment, withURL: Bool, operationID: String?) {
        id = instance.id
        subdomain = instance.subdomain
        url = withURL ? ClawInstanceDTO.url(template: env.urlTemplate, instance: instance) : nil
        status = instance.status.rawValue
        paidUntil = instance.paidUntil.iso8601
        chargedAmount = env.instances.config.policy.pricing.price(for: instance.tier).dollars
        operationId = operationID
    }
}

/// `GET /v1/operations/<id>` (native.md).
struct OperationDTO: Encodable {
    var op: OperationRecord

    enum Key: String, CodingKey { case id, kind, instanceId, status, error, createdAt, updatedAt }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(op.id, forKey: .id)
        try c.encode(op.kind, forKey: .kind)
        try c.encode(op.instanceID, forKey: .instanceId)
        try c.encode(op.status, forKey: .status)
        try c.encode(op.error, forKey: .error)
        try c.encode(op.createdAt.iso8601, forKey: .createdAt)
        try c.encode(op.updatedAt.iso8601, forKey: .updatedAt)
    }
}
