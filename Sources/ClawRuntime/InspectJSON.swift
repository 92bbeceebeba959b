import ClawCore
import Foundation

/// `container inspect` and `image inspect` print docker-compatible arrays on both engines;
/// they differ only in a few fields (podman's `ImageName`, docker's `/`-prefixed `Name`).
enum InspectJSON {
    struct Container: Decodable {
        struct State: Decodable {
            var Status: String?
            var ExitCode: Int?
        }
        struct Config: Decodable {
            var Image: String?
            var Labels: [String: String]?
        }
        struct Binding: Decodable {
            var HostIp: String?
            var HostPort: String?
        }
        struct Attachment: Decodable {
            var IPAddress: String?
        }
        struct Network: Decodable {
            var Ports: [String: [Binding]?]?
            var IPAddress: String?
            var Networks: [String: Attachment]?
        }
        var Id: String
        var Name: String?
        var Created: String?
        var ImageName: String?  // podman
        var State: State?
        var Config: Config?
        var NetworkSettings: Network?
    }

    struct Image: Decodable {
        var Id: String
        var RepoTags: [String]?
        var Created: String?
        var Size: Int64?
    }

    static func container(_ output: String) throws -> ContainerInfo? {
        let items = try JSONDecoder().decode([Container].self, from: Data(output.utf8))
        guard let item = items.first else { return nil }
        let name = item.Name.map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 } ?? ""
        let state = ContainerStateMapping.state(item.State?.Status ?? "")
        var ports: [PortPublish] = []
        for (key, bindings) in item.NetworkSettings?.Ports ?? [:] {
            guard let containerPort = ContainerStateMapping.containerPort(key) else { continue }
            for binding in bindings ?? [] {
                guard let host = binding.HostPort.flatMap(Int.init) else { continue }
                ports.append(PortPublish(hostIP: binding.HostIp ?? "", hostPort: host, containerPort: containerPort))
            }
        }
        ports.sort { ($0.containerPort, $0.hostPort ?? 0) < ($1.containerPort, $1.hostPort ?? 0) }
        var addresses = (item.NetworkSettings?.Networks ?? [:]).compactMapValues { $0.IPAddress }.filter { !$0.value.isEmpty }
        if addresses.isEmpty, let ip = item.NetworkSettings?.IPAddress, !ip.isEmpty { addresses["default"] = ip }
        return ContainerInfo(
            id: item.Id, name: name, image: item.ImageName ?? item.Config?.Image ?? "", state: state,
            labels: item.Config?.Labels ?? [:], ports: ports,
            createdAt: item.Created.flatMap(RuntimeTime.parse) ?? Date(timeIntervalSince1970: 0),
            exitCode: ContainerStateMapping.hasExited(state) ? item.State?.ExitCode : nil, addresses: addresses)
    }

    static func image(_ output: String) throws -> ImageInfo? {
        let items = try JSONDecoder().decode([Image].self, from: Data(output.utf8))
        guard let item = items.first else { return nil }
        return ImageInfo(
            id: item.Id, tags: item.RepoTags ?? [], createdAt: item.Created.flatMap(RuntimeTime.parse),
            sizeBytes: item.Size)
    }
}

/// The small vocabulary both engines share: state names and `18789/tcp` port keys.
enum ContainerStateMapping {
    static func state(_ raw: String) -> ContainerState {
        switch raw.lowercased() {
        case "configured", "initialized", "created": return .created
        case "running", "stopping": return .running
        case "up": return .running
        default: return ContainerState(rawValue: raw.lowercased()) ?? .unknown
        }
    }

    static func hasExited(_ state: ContainerState) -> Bool {
        state == .exited || state == .stopped || state == .dead
    }

    /// `18789/tcp` → 18789.
    static func containerPort(_ key: String) -> Int? {
        Int(key.split(separator: "/").first ?? "")
    }
}
