import ClawCore
import ClawRuntime
import ClawTestSupport
import Foundation
import Testing

@Suite("Networks on a real runtime", .tags(.realRuntime))
struct RuntimeNetworkTests {
    typealias H = IntegrationHelpers

    @Test("create adopts an existing network; inspect and list report labels, subnet and gateway; a joined network cannot be removed; removing a missing one succeeds",
          arguments: RuntimeTestBackend.all)
    func lifecycle(backend: RuntimeTestBackend) async throws {
        try await withRuntimeFixture(backend) { fixture in
            let runtime = fixture.runtime
            let name = fixture.uniqueName("net")
            try await fixture.createNetwork(name, labels: [RuntimeNames.orgLabel: "org_\(fixture.runID)"])
            try await runtime.createNetwork(name: name, labels: [:], isolated: true)  // again: adopted
            let network = try #require(try await runtime.inspectNetwork(name: name))
            #expect(network.labels[RuntimeNames.orgLabel] == "org_\(fixture.runID)")
            let subnet = try #require(network.ipv4)
            #expect(subnet.subnet.contains("/") && subnet.gateway?.contains(".") == true, "\(network)")
            #expect(network.createdAt.map { abs($0.timeIntervalSinceNow) < 300 } == true)
            #expect(try await runtime.listNetworks(labels: [RuntimeNames.testRunLabel: fixture.runID]).map(\.name) == [name])

            // A container joins it and gets an address inside its subnet.
            let container = fixture.uniqueName("joined")
            var spec = H.shell(container, "sleep 30")
            spec.network = name
            _ = try await fixture.createContainer(spec)
            try await runtime.startContainer(container)
            let address = try await fixture.cli.output(["inspect", "--format",
                                                        "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", container])
            let prefix = subnet.subnet.split(separator: ".").prefix(2).joined(separator: ".") + "."
            #expect(address.hasPrefix(prefix), "\(address) not in \(subnet.subnet)")
            await #expect(throws: ClawError.self) { try await runtime.removeNetwork(name: name) }
            try await runtime.removeContainer(container, force: true)

            try await runtime.removeNetwork(name: name)
            #expect(try await runtime.inspectNetwork(name: name) == nil)
            try await runtime.removeNetwork(name: name)  // gone: still a success
            #expect(try await runtime.listNetworks(labels: [RuntimeNames.testRunLabel: fixture.runID]).isEmpty)
        }
    }
}
