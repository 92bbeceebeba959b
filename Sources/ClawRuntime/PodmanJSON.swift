import ClawCore
import Foundation

/// podman's own JSON shapes (`ps`, `events`, `volume ls`, `version`), as printed by podman 4.3.
enum PodmanJSON {
    struct PSEntry: Decodable {
        struct Port: Decodable {
            var host_ip: String?
            var container_port: Int
            var host_port: Int
            var range: Int?
        }
        var Id: String
        var Names: [String]?
        var Image: String?
        var State: String?
        var Labels: [String: String]?
        var Ports: [Port]?
        var Created: Int64?
        var ExitCode: Int?
    }

    struct Event: Decodable {
        var ID: String?
        var Name: String?
        var Status: String?
        var Time: String?
        var timeNano: Int64?
        var `Type`: String?
        var ContainerExitCode: Int?
        var Attributes: [String: String]?
    }

    struct Volume: Decodable {
        var Name: String
        var Labels: [String: String]?
        var CreatedAt: String?
    }

    struct Version: Decodable {
        struct Part: Decodable { var Version: String? }
        var Client: Part?
        var Server: Part?
    }

    static func containers(_ output: String) throws -> [ContainerInfo] {
        let trimmed = output.trimmingWhitespace()
        guard !trimmed.isEmpty else { return [] }
        let entries = try JSONDecoder().decode([PSEntry].self, from: Data(trimmed.utf8))
        return entries.map { entry in
            let state = ContainerStateMapping.state(entry.State ?? "")
            var ports: [PortPublish] = []
            for port in entry.Ports ?? [] {
                for offset in 0..<max(port.range ?? 1, 1) {
                    ports.append(PortPublish(hostIP: port.host_ip ?? "", hostPort: port.host_port + offset,
                                             containerPort: port.container_port + offset))
                }
            }
            return ContainerInfo(
                id: entry.Id, name: entry.Names?.first ?? "", image: entry.Image ?? "", state: state,
                labels: entry.Labels ?? [:], ports: ports,
                createdAt: RuntimeTime.fromUnix(entry.Created ?? 0),
                exitCode: ContainerStateMapping.hasExited(state) ? entry.ExitCode : nil)
        }
    }

    static func event(_ line: String) -> RuntimeEvent? {
        guard let event = try? JSONDecoder().decode(Event.self, from: Data(line.utf8)),
              event.Type == nil || event.Type == "container",
              let status = event.Status, let id = event.ID
        else { return nil }
        let time = event.timeNano.map(RuntimeTime.fromUnix) ?? event.Time.flatMap(RuntimeTime.parse) ?? Date()
        return RuntimeEvent(
            action: EventActions.normalise(status), containerID: id, containerName: event.Name ?? "",
            labels: event.Attributes ?? [:], time: time, exitCode: event.ContainerExitCode)
    }

    static func volumes(_ output: String) throws -> [VolumeInfo] {
        let trimmed = output.trimmingWhitespace()
        guard !trimmed.isEmpty else { return [] }
        return try JSONDecoder().decode([Volume].self, from: Data(trimmed.utf8)).map {
            VolumeInfo(name: $0.Name, labels: $0.Labels ?? [:], createdAt: $0.CreatedAt.flatMap(RuntimeTime.parse))
        }
    }

    static func version(_ output: String) throws -> String {
        let version = try JSONDecoder().decode(Version.self, from: Data(output.utf8))
        guard let text = version.Server?.Version ?? version.Client?.Version else {
            throw ClawError(.runtime, "podman version printed no version")
        }
        return text
    }
}

/// Both engines' event action names, normalised: podman's `died` is `die`, docker's `destroy`
/// is `remove`, and docker's `exec_start: sh` style suffixes are dropped.
enum EventActions {
    static func normalise(_ raw: String) -> String {
        let base = raw.split(separator: ":", maxSplits: 1).first.map(String.init) ?? raw
        switch base.trimmingWhitespace().lowercased() {
        case "died": return "die"
        case "destroy": return "remove"
        case let other: return other
        }
    }
}
