import ClawCore

extension SettingsKey {
    /// The rate limit of every dialect and the ClawHosters credit packages.
    static let hostersKeys: [SettingsKey] = [
        .init(name: "rate_limit_requests") { s, v throws(SettingsProblem) in s.rateLimitRequests = try SettingsParse.int(v, 0...1_000_000) },
        .init(name: "rate_limit_window_seconds") { s, v throws(SettingsProblem) in
            s.rateLimitWindowSeconds = try SettingsParse.int(v, 1...86_400)
        },
        .init(name: "claw_packages") { s, v throws(SettingsProblem) in
            do { s.clawPackages = try ClawPackage.parse(v) } catch let error as ClawError { throw SettingsProblem(error.message) } catch { throw SettingsProblem("\(error)") }
        },
    ]
}
