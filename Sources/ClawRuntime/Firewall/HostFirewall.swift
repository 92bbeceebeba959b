import ClawCore

/// The host's packet filter as clawd uses it: one chain of rules per network (`FirewallRules`).
/// Every call is idempotent, so it is simply made again at startup and whenever a network is
/// created.
public protocol HostFirewall: Sendable {
    /// Creates the chain and its jump from INPUT when missing, then makes the rules tagged `tag`
    /// exactly `rules` (unchanged when they already are).
    func apply(tag: String, rules: [FirewallRules.Rule]) async throws
    /// Removes every rule tagged `tag`.
    func remove(tag: String) async throws
    /// Removes the rules whose tag starts with `prefix` and is not in `keep`.
    func prune(prefix: String, keep: Set<String>) async throws
    /// What the firewall is, for status lines (`iptables 1.8.9 (nf_tables)`).
    func describe() async throws -> String
}
