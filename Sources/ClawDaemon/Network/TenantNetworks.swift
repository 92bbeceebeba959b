import ClawCore
import ClawRuntime
import Foundation
import Logging

/// The runtime networks that keep tenants apart (docs/spec/runtime.md, "Networks"): one per org
/// for its instance containers (`clawd-org-<org>`), one for agent runs (`clawd-agents`), each
/// labelled with the install, created before the first container that joins it, adopted when it
/// exists, and fenced off from the host by `HostFirewall` rules applied whenever a network is
/// ensured. A firewall that cannot be applied fails the call: no container joins an unfenced
/// network.
public actor TenantNetworks {
    let runtime: any ContainerRuntime
    let installID: String
    let firewall: any HostFirewall
    private(set) var proxyPort: Int
    /// The subnet whose rules each network has (skips the firewall when unchanged).
    private var fenced: [String: String] = [:]
    private var lastError: String?
    let logger = Logger(label: "clawd.network")

    init(runtime: any ContainerRuntime, installID: String, firewall: any HostFirewall, proxyPort: Int) {
        self.runtime = runtime
        self.installID = installID
        self.firewall = firewall
        self.proxyPort = proxyPort
    }

    /// The labels every network of this install carries.
    var installLabels: [String: String] { [RuntimeNames.installLabel: installID] }

    func labels(role: String, org: String?) -> [String: String] {
        var labels = installLabels
        labels[RuntimeNames.networkRoleLabel] = role
        if let org { labels[RuntimeNames.orgLabel] = org }
        return labels
    }

    /// The org's network, created and fenced when needed; answers its name.
    func ensureOrg(_ orgID: String) async throws -> String {
        let name = RuntimeNames.orgNetwork(orgID)
        _ = try await ensure(name, labels: labels(role: "org", org: orgID), role: .instances)
        return name
    }

    /// The agent-run network, created and fenced when needed.
    func ensureAgents() async throws -> NetworkInfo {
        try await ensure(RuntimeNames.agentsNetwork, labels: labels(role: "agents", org: nil),
                         role: .agents(proxyPort: proxyPort))
    }

    /// The agent network's gateway (where the credential proxy listens); nil when it cannot be had.
    func agentsGateway() async -> String? {
        do {
            return try await ensureAgents().ipv4?.gateway
        } catch {
            logger.error("agent network unavailable", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// The proxy moved: the agent network's allowance follows it.
    func setProxyPort(_ port: Int) async throws {
        proxyPort = port
        fenced[RuntimeNames.agentsNetwork] = nil
        _ = try await ensureAgents()
    }

    private func ensure(_ name: String, labels: [String: String], role: FirewallRules.Role) async throws -> NetworkInfo {
        do {
            var network = try await runtime.inspectNetwork(name: name)
            if network == nil {
                try await runtime.createNetwork(name: name, labels: labels, isolated: true)
                network = try await runtime.inspectNetwork(name: name)
                logger.info("network created", metadata: ["network": "\(name)"])
            }
            guard let network, let subnet = network.ipv4 else {
                throw ClawError(.runtime, "network \(name) has no IPv4 subnet to fence")
            }
            if fenced[name] != subnet.subnet {
                try await firewall.apply(tag: tag(name), rules: FirewallRules.rules(subnet: subnet, role: role, tag: tag(name)))
                fenced[name] = subnet.subnet
            }
            lastError = nil
            return network
        } catch {
            lastError = "\(name): \(error)"
            throw error
        }
    }

    func tag(_ network: String) -> String { FirewallRules.tag(install: installID, network: network) }

    /// At startup and on every reconcile: fences every network of this install again (the
    /// host's rules may have been flushed while clawd was down, or by another tool since) and
    /// drops the rules of networks that are gone. Rules already in place cost one `-C` check each.
    func restore(logLevel: Logger.Level = .info) async {
        do {
            var networks = try await runtime.listNetworks(labels: installLabels)
            // The agent network is shared by the installs of a host and carries the labels of the
            // one that created it: once this install fenced it, it stays this install's to fence.
            if fenced[RuntimeNames.agentsNetwork] != nil, !networks.contains(where: { $0.name == RuntimeNames.agentsNetwork }),
               let agents = try await runtime.inspectNetwork(name: RuntimeNames.agentsNetwork) {
                networks.append(agents)
            }
            fenced = [:]
            for network in networks {
                let role: FirewallRules.Role = network.name == RuntimeNames.agentsNetwork
                    ? .agents(proxyPort: proxyPort) : .instances
                guard let subnet = network.ipv4 else { continue }
                try await firewall.apply(tag: tag(network.name),
                                         rules: FirewallRules.rules(subnet: subnet, role: role, tag: tag(network.name)))
                fenced[network.name] = subnet.subnet
            }
            // A network fenced meanwhile (this actor is re-entered at each await) keeps its rules.
            try await firewall.prune(prefix: FirewallRules.tagPrefix(install: installID),
                                     keep: Set(networks.map { tag($0.name) }).union(fenced.keys.map(tag)))
            lastError = nil
            logger.log(level: logLevel, "network isolation restored", metadata: ["networks": "\(networks.count)"])
        } catch {
            lastError = "\(error)"
            logger.error("cannot restore network isolation", metadata: ["error": "\(error)"])
        }
    }

    /// Removes one org network and its rules; an error (still in use) leaves both.
    func remove(_ name: String) async throws {
        try await runtime.removeNetwork(name: name)
        fenced[name] = nil
        try await firewall.remove(tag: tag(name))
        logger.notice("network removed", metadata: ["network": "\(name)"])
    }

    /// The org networks of this install.
    func orgNetworks() async throws -> [NetworkInfo] {
        var labels = installLabels
        labels[RuntimeNames.networkRoleLabel] = "org"
        return try await runtime.listNetworks(labels: labels)
    }

    /// `on`, or `error` with what went wrong last (cleared by the next success).
    var status: (ok: Bool, detail: String) {
        if let lastError { return (false, lastError) }
        return (true, "\(fenced.count) networks fenced (iptables chain \(FirewallRules.chain))")
    }
}
