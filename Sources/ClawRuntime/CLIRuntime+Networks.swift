import ClawCore
import Foundation

extension CLIRuntime {
    public func createNetwork(name: String, labels: [String: String], isolated: Bool) async throws {
        try RuntimeValidation.name(name)
        try CLIArguments.validateLabels(labels)
        let result = try await run(arguments.createNetwork(name, labels: labels, isolated: isolated))
        if result.succeeded || Self.isAlreadyExists(result.stderr) || Self.isNetworkNameUsed(result.stderr) { return }
        throw failure("network create", result)
    }

    public func inspectNetwork(name: String) async throws -> NetworkInfo? {
        try RuntimeValidation.name(name)
        let result = try await run(arguments.inspectNetworks([name]))
        if !result.succeeded {
            if Self.isNotFound(result.stderr) || Self.isNetworkNotFound(result.stderr) { return nil }
            throw failure("network inspect", result)
        }
        return try decodeNetworks(result.stdout).first
    }

    public func listNetworks(labels: [String: String]) async throws -> [NetworkInfo] {
        try CLIArguments.validateLabels(labels)
        let listed = try await call("network ls", arguments.listNetworks(labels: labels)).stdout
        let names = listed.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        var networks: [NetworkInfo] = []
        if !names.isEmpty {
            let all = try await run(arguments.inspectNetworks(names))
            if all.succeeded {
                networks = try decodeNetworks(all.stdout)
            } else {
                // One vanished between the list and the inspect: each on its own, skipping it.
                for name in names {
                    if let network = try await inspectNetwork(name: name) { networks.append(network) }
                }
            }
        }
        return networks.filter { n in labels.allSatisfy { n.labels[$0.key] == $0.value } }.sorted { $0.name < $1.name }
    }

    public func removeNetwork(name: String) async throws {
        try RuntimeValidation.name(name)
        let result = try await run(arguments.removeNetwork(name))
        if result.succeeded || Self.isNotFound(result.stderr) || Self.isNetworkNotFound(result.stderr) { return }
        throw failure("network rm", result)
    }

    func decodeNetworks(_ output: String) throws -> [NetworkInfo] {
        do {
            return try NetworkJSON.networks(output)
        } catch {
            throw decodeError("network inspect", error)
        }
    }

    /// podman: "unable to find network with name or ID x: network not found"; docker:
    /// "network x not found".
    static func isNetworkNotFound(_ stderr: String) -> Bool {
        let text = stderr.lowercased()
        return text.contains("network") && text.contains("not found")
    }

    /// podman: "network name x already used: network already exists"; docker: "network with name x already exists".
    static func isNetworkNameUsed(_ stderr: String) -> Bool {
        stderr.lowercased().contains("already used")
    }
}

/// `network inspect` of either engine: podman's `name`, `labels`, `subnets[]`, `created`;
/// docker's `Name`, `Labels`, `IPAM.Config[]`, `Created`.
enum NetworkJSON {
    struct Record: Decodable {
        struct Subnet: Decodable {
            var subnet: String?
            var gateway: String?
            var dockerSubnet: String?
            var dockerGateway: String?
            enum CodingKeys: String, CodingKey {
                case subnet, gateway
                case dockerSubnet = "Subnet"
                case dockerGateway = "Gateway"
            }
        }

        struct IPAM: Decodable {
            var config: [Subnet]?
            enum CodingKeys: String, CodingKey { case config = "Config" }
        }

        var name: String?
        var dockerName: String?
        var labels: [String: String]?
        var dockerLabels: [String: String]?
        var subnets: [Subnet]?
        var ipam: IPAM?
        var created: String?
        var dockerCreated: String?
        enum CodingKeys: String, CodingKey {
            case name, labels, subnets, created
            case dockerName = "Name"
            case dockerLabels = "Labels"
            case ipam = "IPAM"
            case dockerCreated = "Created"
        }
    }

    static func networks(_ output: String) throws -> [NetworkInfo] {
        let records = try JSONDecoder().decode([Record].self, from: Data(output.utf8))
        return records.compactMap { r in
            guard let name = r.name ?? r.dockerName else { return nil }
            let subnets = ((r.subnets ?? []) + (r.ipam?.config ?? [])).compactMap { s -> NetworkSubnet? in
                guard let subnet = s.subnet ?? s.dockerSubnet else { return nil }
                return NetworkSubnet(subnet: subnet, gateway: s.gateway ?? s.dockerGateway)
            }
            return NetworkInfo(name: name, labels: r.labels ?? r.dockerLabels ?? [:], subnets: subnets,
                               createdAt: (r.created ?? r.dockerCreated).flatMap(RuntimeTime.parse))
        }
    }
}
