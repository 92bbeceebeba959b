import Foundation

/// One IPv4/IPv6 subnet of a network and the gateway address the host has in it.
public struct NetworkSubnet: Sendable, Equatable {
    public var subnet: String
    public var gateway: String?
    public init(subnet: String, gateway: String?) {
        self.subnet = subnet
        self.gateway = gateway
    }
}

/// One network as the engine reports it.
public struct NetworkInfo: Sendable, Equatable {
    public var name: String
    public var labels: [String: String]
    public var subnets: [NetworkSubnet]
    public var createdAt: Date?
    public init(name: String, labels: [String: String], subnets: [NetworkSubnet], createdAt: Date?) {
        self.name = name
        self.labels = labels
        self.subnets = subnets
        self.createdAt = createdAt
    }

    /// The first IPv4 subnet, the one the host firewall rules name.
    public var ipv4: NetworkSubnet? { subnets.first { $0.subnet.contains(".") } }
}
