extension SettingsKey {
    /// `network_isolation` (per-org networks, an agent network, host firewall rules; default on)
    /// and `credential_proxy_allow_tokenless` (requests without a run token; default off).
    static let networkKeys: [SettingsKey] = [
        .init(name: "network_isolation") { s, v throws(SettingsProblem) in s.networkIsolation = try SettingsParse.bool(v) },
        .init(name: "credential_proxy_allow_tokenless") { s, v throws(SettingsProblem) in
            s.credentialProxyAllowTokenless = try SettingsParse.bool(v)
        },
    ]
}

extension Settings {
    /// Each org's instances on their own network, agent runs on `clawd-agents`, and host firewall
    /// rules keeping instance containers away from the host; off: every container on the engine's
    /// default network (single-tenant hosts).
    public var networkIsolation: Bool {
        get { network.isolation }
        set { network.isolation = newValue }
    }

    /// Whether the credential proxy serves requests that carry no run token (unscoped mappings
    /// only); off by default, so only agent runs can spend the host's credentials.
    public var credentialProxyAllowTokenless: Bool {
        get { network.allowTokenless }
        set { network.allowTokenless = newValue }
    }
}

/// The `network_isolation` and `credential_proxy_allow_tokenless` settings.
public struct NetworkSettings: Sendable, Equatable {
    public var isolation = true
    public var allowTokenless = false
    public init() {}
}
