import ClawCore
import Foundation

/// Networks as podman treats them: creating what exists adopts it, removing what is gone
/// succeeds, a network a container joined stays. Each gets its own /24 under 10.89.
extension FakeRuntime {
    public func createNetwork(name: String, labels: [String: String], isolated: Bool) async throws {
        try await step(.createNetwork, name) { s in
            guard s.networks[name] == nil else { return }
            let subnet = NetworkSubnet(subnet: "10.89.\(s.nextSubnet).0/24", gateway: "10.89.\(s.nextSubnet).1")
            s.nextSubnet += 1
            s.networks[name] = NetworkInfo(name: name, labels: labels, subnets: [subnet], createdAt: Date())
        }
    }

    public func inspectNetwork(name: String) async throws -> NetworkInfo? {
        try await step(.inspectNetwork, name) { $0.networks[name] }
    }

    public func listNetworks(labels: [String: String]) async throws -> [NetworkInfo] {
        try await step(.listNetworks, nil) { s in
            s.networks.values.filter { Self.matches($0.labels, labels) }.sorted { $0.name < $1.name }
        }
    }

    public func removeNetwork(name: String) async throws {
        try await step(.removeNetwork, name) { s in
            if let user = s.attached.first(where: { $0.value == name })?.key {
                throw ClawError(.runtime, "\(backend) network rm failed: network \(name) is being used by \(user)")
            }
            s.networks[name] = nil
        }
    }

    /// Ages a network (for orphan-grace tests).
    public func setNetworkCreated(_ name: String, _ date: Date) {
        state.withLock { $0.networks[name]?.createdAt = date }
    }
}
