extension SettingsKey {
    /// How the daemon calls the container runtime's CLI.
    static let runtimeCallKeys: [SettingsKey] = [
        .init(name: "runtime_call_timeout_seconds") { s, v throws(SettingsProblem) in
            s.runtimeCallTimeoutSeconds = try SettingsParse.int(v, 1...3600)
        },
    ]
}
