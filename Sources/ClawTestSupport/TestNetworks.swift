import ClawCore
import ClawRuntime

/// What a test install leaves of tenant isolation: its org networks at the runtime and its rules
/// in the host firewall (the shared `clawd-agents` network stays, as on a real host).
public enum TestNetworks {
    /// Removes both; answers what could not be removed.
    public static func cleanup(runtime: any ContainerRuntime, installID: String) async -> [String] {
        var failures: [String] = []
        let labels = [RuntimeNames.installLabel: installID, RuntimeNames.networkRoleLabel: "org"]
        do {
            for network in try await runtime.listNetworks(labels: labels) {
                do { try await runtime.removeNetwork(name: network.name) } catch { failures.append("\(network.name): \(error)") }
            }
        } catch {
            failures.append("listing networks: \(error)")
        }
        let firewall = IPTablesFirewall()
        if firewall.binaryPath != nil {
            do {
                try await firewall.prune(prefix: FirewallRules.tagPrefix(install: installID), keep: [])
            } catch {
                failures.append("firewall: \(error)")
            }
        }
        return failures
    }
}
