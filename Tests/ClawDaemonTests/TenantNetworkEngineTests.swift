import ClawCore
@testable import ClawDaemon
import ClawRuntime
import ClawServices
import ClawStore
import ClawTestSupport
import Foundation
import Testing

/// Org networks driven by the engine against a `FakeRuntime` and a `RecordingFirewall`: created
/// and fenced before an org's first container, adopted when present, removed by the reconciler
/// once no instance of the org remains (after the grace), kept while one does.
@Suite("engine: per-org networks, adoption, orphan cleanup")
struct TenantNetworkEngineTests {
    struct Harness {
        let store: Store
        let instances: InstanceService
        let runtime: FakeRuntime
        let firewall: RecordingFirewall
        let engine: Engine
        let installID: String

        func org(_ name: String) async throws -> String {
            let org = try await store.createOrg(name: name, email: nil)
            _ = try await store.credit(orgID: org.id, amount: Cents(100_000), description: "test credit")
            return org.id
        }

        func running(_ org: String, _ subdomain: String) async throws -> String {
            let id = try await instances.create(orgID: org, subdomain: subdomain, defaultModel: nil, tier: .budget,
                                                imConfig: nil).0.id
            try await eventually("\(id) running") {
                try await store.instance(id: id, orgID: nil)?.status == .running ? true : nil
            }
            return id
        }

        func deleted(_ id: String) async throws {
            _ = try await instances.request(.delete, instanceID: id, orgID: nil)
            try await eventually("\(id) deleted") {
                try await store.instance(id: id, orgID: nil)?.status == .deleted
                    && runtime.container(RuntimeNames.container(id)) == nil ? true : nil
            }
        }
    }

    static func with(grace: Int, _ body: (Harness) async throws -> Void) async throws {
        let dir = try TestPaths.makeTempDir("tn")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try Store(path: dir + "/clawd.sqlite")
        let runtime = FakeRuntime(), firewall = RecordingFirewall()
        let installID = "tn" + String(UUID().uuidString.prefix(6)).lowercased()
        var engine = DaemonCore.EngineOptions(runtime: runtime, config: EngineConfig(
            installID: installID, stateDir: "/data", instancePort: 8080, stopTimeoutSeconds: 1, resync: .seconds(600),
            orphanGraceSeconds: grace), backups: nil)
        engine.networks = TenantNetworks(runtime: runtime, installID: installID, firewall: firewall, proxyPort: 3001)
        let core = DaemonCore(store: store, options: DaemonCore.Options(
            instances: InstanceServiceConfig(policy: .default, image: "localhost/fake:1", portRange: 51_000...51_100),
            backupDirectory: dir + "/backups", engine: engine))
        let h = Harness(store: store, instances: core.instances, runtime: runtime, firewall: firewall,
                        engine: try #require(core.engine), installID: installID)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for service in core.services { group.addTask { try await service.run() } }
            defer { group.cancelAll() }
            try await body(h)
        }
    }

    @Test("each org's containers join its own network, created labelled and fenced before the first container")
    func perOrg() async throws {
        try await Self.with(grace: 300) { h in
            let a = try await h.org("a"), b = try await h.org("b")
            let a1 = try await h.running(a, "a-one"), a2 = try await h.running(a, "a-two"), b1 = try await h.running(b, "b-one")
            #expect(h.runtime.network(ofContainer: RuntimeNames.container(a1)) == RuntimeNames.orgNetwork(a))
            #expect(h.runtime.network(ofContainer: RuntimeNames.container(a2)) == RuntimeNames.orgNetwork(a))
            #expect(h.runtime.network(ofContainer: RuntimeNames.container(b1)) == RuntimeNames.orgNetwork(b))
            #expect(h.runtime.networkNames == [RuntimeNames.orgNetwork(a), RuntimeNames.orgNetwork(b)])
            #expect(h.runtime.calls(.createNetwork) == 2, "one create per org, not per instance")
            let net = try #require(try await h.runtime.inspectNetwork(name: RuntimeNames.orgNetwork(a)))
            #expect(net.labels == [RuntimeNames.installLabel: h.installID, RuntimeNames.orgLabel: a,
                                   RuntimeNames.networkRoleLabel: "org"])
            let tag = FirewallRules.tag(install: h.installID, network: RuntimeNames.orgNetwork(a))
            let rules = try #require(h.firewall.rules[tag])
            #expect(rules.first { $0.chain == FirewallRules.chain && $0.position == .last }?.spec == ["-s", try #require(net.ipv4?.subnet), "-m", "comment", "--comment", tag, "-j", "REJECT"])
            #expect(h.firewall.rules.count == 2)
            // Ports stay published on 127.0.0.1.
            #expect(h.runtime.container(RuntimeNames.container(a1))?.ports.allSatisfy { $0.hostIP == "127.0.0.1" } == true)
        }
    }

    @Test("a network that exists is adopted, not created again")
    func adopt() async throws {
        try await Self.with(grace: 300) { h in
            let a = try await h.org("pre")
            try await h.runtime.createNetwork(name: RuntimeNames.orgNetwork(a), labels: [:], isolated: true)
            let creates = h.runtime.calls(.createNetwork)
            let id = try await h.running(a, "pre-one")
            #expect(h.runtime.calls(.createNetwork) == creates, "adopted")
            #expect(h.runtime.network(ofContainer: RuntimeNames.container(id)) == RuntimeNames.orgNetwork(a))
            #expect(h.firewall.rules[FirewallRules.tag(install: h.installID, network: RuntimeNames.orgNetwork(a))] != nil)
        }
    }

    @Test("orphan cleanup: the network of an org without instances goes (rules too); one in use stays; inside the grace it waits")
    func orphans() async throws {
        try await Self.with(grace: 0) { h in
            let a = try await h.org("a"), b = try await h.org("b")
            let a1 = try await h.running(a, "a-one"), b1 = try await h.running(b, "b-one")
            _ = b1
            try await h.deleted(a1)
            let report = try await h.engine.reconcile(probe: false)
            #expect(report.orphansRemoved >= 1)
            #expect(h.runtime.networkNames == [RuntimeNames.orgNetwork(b)])
            #expect(h.firewall.rules.keys.sorted() == [FirewallRules.tag(install: h.installID, network: RuntimeNames.orgNetwork(b))])
            // A new instance of org A brings its network back.
            let a2 = try await h.running(a, "a-two")
            #expect(h.runtime.network(ofContainer: RuntimeNames.container(a2)) == RuntimeNames.orgNetwork(a))
        }
        try await Self.with(grace: 300) { h in
            let a = try await h.org("a")
            try await h.deleted(try await h.running(a, "a-one"))
            let report = try await h.engine.reconcile(probe: false)
            #expect(report.orphansWaiting >= 1)
            #expect(h.runtime.networkNames == [RuntimeNames.orgNetwork(a)], "young: kept for the grace period")
            h.runtime.setNetworkCreated(RuntimeNames.orgNetwork(a), Date(timeIntervalSinceNow: -301))
            _ = try await h.engine.reconcile(probe: false)
            #expect(h.runtime.networkNames.isEmpty)
        }
    }

    @Test("rules flushed behind clawd's back are back after the next reconcile")
    func refenceOnReconcile() async throws {
        try await Self.with(grace: 3600) { h in
            let a = try await h.org("refence")
            _ = try await h.running(a, "refence-1")
            let tag = FirewallRules.tag(install: h.installID, network: RuntimeNames.orgNetwork(a))
            let before = try #require(h.firewall.rules[tag])
            try await h.firewall.remove(tag: tag)
            #expect(h.firewall.rules[tag] == nil)
            _ = try await h.engine.reconcile(probe: false)
            #expect(h.firewall.rules[tag] == before)
        }
    }

    @Test("a network the engine cannot fence fails the create step; no container joins an unfenced network")
    func fenceFails() async throws {
        try await Self.with(grace: 300) { h in
            let a = try await h.org("a")
            h.runtime.fail(.inspectNetwork, times: 1000)
            let id = try await h.instances.create(orgID: a, subdomain: "a-one", defaultModel: nil, tier: .budget, imConfig: nil).0.id
            try await eventually("the create step failed on the network") {
                await h.engine.networks?.status.ok == false ? true : nil
            }
            #expect(h.runtime.container(RuntimeNames.container(id)) == nil)
            #expect(await h.engine.networks?.status.ok == false)
            h.runtime.clearFaults()
        }
    }
}
