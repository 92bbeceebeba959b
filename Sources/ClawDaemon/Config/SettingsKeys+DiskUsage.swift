import ClawCore

/// How often instance volumes are measured, and the per-tier limits (`disk_*` keys).
public struct DiskUsageSettings: Sendable, Equatable {
    /// Seconds between two measurements of every instance volume.
    public var intervalSeconds = 300
    /// Per tier, in MiB; 0: unlimited.
    public var limits = DiskLimits()

    public init() {}
}

extension SettingsKey {
    static let diskUsageKeys: [SettingsKey] = [
        .init(name: "disk_usage_interval_seconds") { s, v throws(SettingsProblem) in
            s.diskUsage.intervalSeconds = try SettingsParse.int(v, 5...86_400)
        },
        .init(name: "disk_limit_mb_budget") { s, v throws(SettingsProblem) in
            s.diskUsage.limits.budgetMB = try SettingsParse.int(v, 0...100_000_000)
        },
        .init(name: "disk_limit_mb_balanced") { s, v throws(SettingsProblem) in
            s.diskUsage.limits.balancedMB = try SettingsParse.int(v, 0...100_000_000)
        },
        .init(name: "disk_limit_mb_pro") { s, v throws(SettingsProblem) in
            s.diskUsage.limits.proMB = try SettingsParse.int(v, 0...100_000_000)
        },
    ]
}
