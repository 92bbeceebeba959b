import ClawCore
import Foundation

/// The host firewall rules that keep containers of clawd's networks away from the host's own
/// services, as iptables argv (pure, so the exact rules are unit-tested).
///
/// One chain, `CLAWD-ISOLATION`, jumped to first from `INPUT`. Its first rule returns packets of
/// established connections (answers to what the host opened, e.g. health probes through a
/// published port), its second the host's own traffic over `lo`. Per network subnet: `RETURN` for DNS to the network's own gateway (podman's
/// aardvark-dns), for agent networks also the credential proxy's port on the gateway, then
/// `REJECT` for every other new connection from that subnet to the host. Allowed traffic
/// returns to `INPUT`, so the host's own policy still applies to it. Every per-network rule
/// carries a comment naming the install and the network (`clawd/<install>/<network>`), so one
/// install's rules are found, replaced and pruned without touching another's.
///
/// A second chain, `CLAWD-ISOLATION-FWD`, jumped to first from `FORWARD`, rejects every new
/// forwarded connection into a network's subnet from outside that subnet: another org's
/// containers, agent runs, other hosts. (Published ports are bound on 127.0.0.1, so what reaches
/// an instance through them is the host's own traffic, which is never forwarded.) It does not
/// rely on the engine's own isolation, which a dockerd run with `--iptables=false` lacks.
public enum FirewallRules {
    public static let chain = "CLAWD-ISOLATION"
    public static let forwardChain = "CLAWD-ISOLATION-FWD"
    /// Each chain and the built-in chain that jumps to it.
    public static let chains = [(chain, "INPUT"), (forwardChain, "FORWARD")]

    /// What a network's containers may reach on the host.
    public enum Role: Sendable, Equatable {
        /// Instance containers: DNS on their gateway only.
        case instances
        /// Agent-run containers: DNS and the credential proxy's port on their gateway.
        case agents(proxyPort: Int)
    }

    /// Where a rule goes in the chain: allowances before every reject.
    public enum Position: Sendable, Equatable { case first, last }

    public struct Rule: Sendable, Equatable {
        public var chain = FirewallRules.chain
        public var position: Position
        /// The rule's match and target, without `-A`/`-I` and the chain.
        public var spec: [String]
    }

    public static func tag(install: String, network: String) -> String { "clawd/\(install)/\(network)" }

    public static func tagPrefix(install: String) -> String { "clawd/\(install)/" }


    /// Returns answers to connections the host opened (first in the chain).
    public static let established = ["-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "RETURN"]

    /// Returns the host's own traffic to its gateway addresses, which arrives on `lo` with a
    /// source inside the subnet (INPUT chain only).
    public static let loopback = ["-i", "lo", "-j", "RETURN"]

    public static func rules(subnet: NetworkSubnet, role: Role, tag: String) -> [Rule] {
        let comment = ["-m", "comment", "--comment", tag]
        var rules: [Rule] = []
        if let gateway = subnet.gateway {
            var ports: [(String, Int)] = [("udp", 53), ("tcp", 53)]
            if case .agents(let proxyPort) = role { ports.append(("tcp", proxyPort)) }
            for (proto, port) in ports {
                rules.append(Rule(position: .first, spec: ["-s", subnet.subnet, "-d", gateway, "-p", proto,
                                                           "--dport", String(port)] + comment + ["-j", "RETURN"]))
            }
        }
        rules.append(Rule(position: .last, spec: ["-s", subnet.subnet] + comment + ["-j", "REJECT"]))
        rules.append(Rule(chain: forwardChain, position: .last,
                          spec: ["-d", subnet.subnet, "!", "-s", subnet.subnet, "-m", "conntrack", "--ctstate", "NEW"]
                              + comment + ["-j", "REJECT"]))
        return rules
    }

    /// The tag of one `iptables -S` line, when it carries one of `prefix`.
    static func tag(ofListed line: String, prefix: String) -> String? {
        let words = line.split(separator: " ").map(String.init)
        guard let index = words.firstIndex(of: "--comment"), index + 1 < words.count else { return nil }
        let tag = words[index + 1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        return tag.hasPrefix(prefix) ? tag : nil
    }

    /// The argv deleting a rule `iptables -S` listed (`-A CHAIN …` → `-D CHAIN …`).
    static func deletion(ofListed line: String) -> [String]? {
        var words = line.split(separator: " ").map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        guard words.first == "-A" else { return nil }
        words[0] = "-D"
        return words
    }
}
