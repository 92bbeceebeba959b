import ClawCore
import ClawStore
import ClawWire

/// One instance as the Claw dialect shows it: the stored row and what derives from the settings
/// (URL, rebuild quota). `wire` is its answer model; the list answer writes the same object as
/// bytes (`ClawInstanceRow+Writer.swift`), which a test holds equal to `wire`.
struct ClawInstanceRow: Sendable {
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
    static func list(_ instances: [Instance], env: APIEnvironment, today: String) -> [ClawInstanceRow] {
        let template = env.urlTemplate, policy = env.instances.config.policy
        return instances.map { ClawInstanceRow($0, urlTemplate: template, policy: policy, today: today) }
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

    /// The answer model of this row.
    var wire: ClawInstanceDTO {
        let i = instance
        return ClawInstanceDTO(id: i.id, subdomain: i.subdomain, url: url, defaultModel: i.defaultModel,
                               hasIMConfig: i.hasIMConfig, status: i.status.rawValue, paidUntil: i.paidUntil.iso8601,
                               canRebuild: canRebuild, totalPaid: i.totalPaid.dollars, createdAt: i.createdAt.iso8601,
                               stopReason: i.stopReason?.rawValue, deleteAfter: i.deleteAfter?.iso8601,
                               healthStatus: i.healthStatus.rawValue, tier: i.tier.rawValue,
                               rebuildsLeftToday: rebuildsLeftToday, operationId: operationID, diskBytes: i.diskBytes)
    }
}

extension ClawInstanceDTO {
    init(_ instance: Instance, env: APIEnvironment, operationID: String? = nil, now: Timestamp = .now()) {
        self = ClawInstanceRow(instance, env: env, operationID: operationID, now: now).wire
    }
}

extension ClawChargeDTO {
    init(_ instance: Instance, env: APIEnvironment, withURL: Bool, operationID: String?) {
        self.init(id: instance.id, subdomain: instance.subdomain,
                  url: withURL ? ClawInstanceRow.url(template: env.urlTemplate, instance: instance) : nil,
                  status: instance.status.rawValue, paidUntil: instance.paidUntil.iso8601,
                  chargedAmount: env.instances.config.policy.pricing.price(for: instance.tier).dollars,
                  operationId: operationID)
    }
}
