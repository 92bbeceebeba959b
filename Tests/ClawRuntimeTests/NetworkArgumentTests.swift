import ClawCore
import Testing

@testable import ClawRuntime

@Suite("networks and the host firewall: argv, JSON, rules")
struct NetworkArgumentTests {
    @Test("network create: podman asks for isolate, docker isolates bridges itself; labels sorted")
    func create() {
        let labels = [RuntimeNames.orgLabel: "org_a", RuntimeNames.installLabel: "i1"]
        #expect(CLIArguments(backend: .podman).createNetwork("clawd-org-org_a", labels: labels, isolated: true) == [
            "network", "create", "--driver", "bridge", "--opt", "isolate=true",
            "--label", "io.clawd.install=i1", "--label", "io.clawd.org=org_a", "clawd-org-org_a",
        ])
        #expect(CLIArguments(backend: .docker).createNetwork("clawd-org-org_a", labels: labels, isolated: true) == [
            "network", "create", "--driver", "bridge",
            "--label", "io.clawd.install=i1", "--label", "io.clawd.org=org_a", "clawd-org-org_a",
        ])
        #expect(CLIArguments(backend: .podman).listNetworks(labels: ["a": "b"])
            == ["network", "ls", "--format", "{{.Name}}", "--filter", "label=a=b"])
    }

    @Test("a container's network is passed as --network and validated", arguments: RuntimeBackend.allCases)
    func containerNetwork(backend: RuntimeBackend) throws {
        var spec = ContainerSpec(name: "clawd-i1", image: "img")
        spec.network = "clawd-org-org_a"
        let argv = try CLIArguments(backend: backend).createContainer(spec)
        let at = try #require(argv.firstIndex(of: "--network"))
        #expect(argv[at + 1] == "clawd-org-org_a")
        spec.network = "-host"
        #expect(throws: ClawError.self) { try CLIArguments(backend: backend).createContainer(spec) }
        spec.network = nil
        #expect(try !CLIArguments(backend: backend).createContainer(spec).contains("--network"))
    }

    @Test("network inspect of podman and docker decode to the same NetworkInfo")
    func decode() throws {
        let podman = #"[{"name":"clawd-org-a","id":"x","driver":"bridge","created":"2026-12-06T14:05:36.743201072Z","subnets":[{"subnet":"10.89.0.0/24","gateway":"10.89.0.1"}],"labels":{"io.clawd.org":"a"},"dns_enabled":true}]"#
        let docker = #"[{"Name":"clawd-org-a","Id":"y","Created":"2026-12-06T14:05:36.743201072Z","Driver":"bridge","IPAM":{"Driver":"default","Options":{},"Config":[{"Subnet":"172.18.0.0/16","Gateway":"172.18.0.1"}]},"Labels":{"io.clawd.org":"a"}}]"#
        let p = try #require(try NetworkJSON.networks(podman).first)
        let d = try #require(try NetworkJSON.networks(docker).first)
        #expect(p.name == "clawd-org-a" && d.name == "clawd-org-a")
        #expect(p.labels == ["io.clawd.org": "a"] && d.labels == p.labels)
        #expect(p.ipv4 == NetworkSubnet(subnet: "10.89.0.0/24", gateway: "10.89.0.1"))
        #expect(d.ipv4 == NetworkSubnet(subnet: "172.18.0.0/16", gateway: "172.18.0.1"))
        #expect(p.createdAt != nil && p.createdAt == d.createdAt)
        #expect(throws: (any Error).self) { try NetworkJSON.networks("{truncated") }
    }

    @Test("firewall rules: allowances first (DNS; the proxy port for agents), one reject last, all tagged")
    func rules() {
        let subnet = NetworkSubnet(subnet: "10.89.3.0/24", gateway: "10.89.3.1")
        let tag = FirewallRules.tag(install: "i1", network: "clawd-org-a")
        #expect(tag == "clawd/i1/clawd-org-a" && tag.hasPrefix(FirewallRules.tagPrefix(install: "i1")))
        let comment = ["-m", "comment", "--comment", tag]
        let instances = FirewallRules.rules(subnet: subnet, role: .instances, tag: tag)
        #expect(instances == [
            .init(position: .first, spec: ["-s", "10.89.3.0/24", "-d", "10.89.3.1", "-p", "udp", "--dport", "53"] + comment + ["-j", "RETURN"]),
            .init(position: .first, spec: ["-s", "10.89.3.0/24", "-d", "10.89.3.1", "-p", "tcp", "--dport", "53"] + comment + ["-j", "RETURN"]),
            .init(position: .last, spec: ["-s", "10.89.3.0/24"] + comment + ["-j", "REJECT"]),
            .init(chain: FirewallRules.forwardChain, position: .last,
                  spec: ["-d", "10.89.3.0/24", "!", "-s", "10.89.3.0/24", "-m", "conntrack", "--ctstate", "NEW"] + comment
                      + ["-j", "REJECT"]),
        ])
        #expect(instances.filter { $0.chain == FirewallRules.chain }.map(\.position) == [.first, .first, .last])
        let agents = FirewallRules.rules(subnet: subnet, role: .agents(proxyPort: 3001), tag: tag)
        #expect(agents.count == 5)
        #expect(agents[2].spec.contains("3001") && agents[2].position == .first)
        #expect(agents[3].spec.last == "REJECT" && agents[3].chain == FirewallRules.chain)
    }

    @Test("iptables -S lines: the tag is found by prefix, and -A becomes -D")
    func listed() {
        let line = "-A CLAWD-ISOLATION -s 10.89.3.0/24 -m comment --comment clawd/i1/clawd-org-a -j REJECT --reject-with icmp-port-unreachable"
        #expect(FirewallRules.tag(ofListed: line, prefix: "clawd/i1/") == "clawd/i1/clawd-org-a")
        #expect(FirewallRules.tag(ofListed: line, prefix: "clawd/i2/") == nil)
        #expect(FirewallRules.tag(ofListed: "-N CLAWD-ISOLATION", prefix: "clawd/") == nil)
        #expect(FirewallRules.deletion(ofListed: line)?.prefix(2) == ["-D", "CLAWD-ISOLATION"])
        #expect(FirewallRules.deletion(ofListed: "-N CLAWD-ISOLATION") == nil)
    }
}
