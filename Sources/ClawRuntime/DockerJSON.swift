import ClawCore
import Foundation

/// docker's JSON shapes: `ps`/`events` print one object per line with `{{json .}}`; `ps` gives
/// labels and ports as strings and times as `2026-11-25 09:00:00 +0000 UTC`.
enum DockerJSON {
    struct PSEntry: Decodable {
        var ID: String
        var Names: String?
        var Image: String?
        var State: String?
        var Status: String?
        var Labels: String?
        var Ports: String?
        var CreatedAt: String?
    }

    struct Event: Decodable {
        struct Actor: Decodable {
            var ID: String?
            var Attributes: [String: String]?
        }
        var `Type`: String?
        var Action: String?
        var status: String?
        var id: String?
        var Actor: Actor?
        var time: Int64?
        var timeNano: Int64?
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

    /// Attributes docker adds to container events beside the container's labels.
    static let eventAttributes: Set<String> = ["name", "image", "exitCode", "signal", "execID", "container"]

    static func containers(_ output: String) throws -> [ContainerInfo] {
        try output.split(whereSeparator: \.isNewline).compactMap { line -> ContainerInfo? in
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return nil }
            let entry = try JSONDecoder().decode(PSEntry.self, from: Data(text.utf8))
            var state = ContainerStateMapping.state(entry.State ?? "")
            if entry.State == nil, let status = entry.Status {  // clients without .State
                state = status.hasPrefix("Up") ? .running : status.hasPrefix("Exited") ? .exited : .created
            }
            return ContainerInfo(
                id: entry.ID, name: entry.Names?.split(separator: ",").first.map(String.init) ?? "",
                image: entry.Image ?? "", state: state, labels: labels(entry.Labels ?? ""),
                ports: ports(entry.Ports ?? ""),
                createdAt: entry.CreatedAt.flatMap(RuntimeTime.parse) ?? Date(timeIntervalSince1970: 0),
                exitCode: ContainerStateMapping.hasExited(state) ? exitCode(status: entry.Status ?? "") : nil)
        }
    }

    /// `a=b,c=d` → map. A comma inside a value is kept when the piece after it holds no `=`.
    static func labels(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        var lastKey: String?
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            if let eq = piece.firstIndex(of: "=") {
                let key = String(piece[..<eq])
                result[key] = String(piece[piece.index(after: eq)...])
                lastKey = key
            } else if let key = lastKey {
                result[key, default: ""] += "," + piece
            }
        }
        return result
    }

    /// `127.0.0.1:49153->18789/tcp, :::49153->18789/tcp, 8080/tcp` → the published ones.
    /// Ranges (`127.0.0.1:8000-8001->80-81/tcp`) are expanded.
    static func ports(_ text: String) -> [PortPublish] {
        var result: [PortPublish] = []
        for item in text.split(separator: ",") {
            let parts = item.trimmingCharacters(in: .whitespaces).components(separatedBy: "->")
            guard parts.count == 2, let colon = parts[0].lastIndex(of: ":") else { continue }
            let hostIP = String(parts[0][..<colon])
            let hostRange = range(String(parts[0][parts[0].index(after: colon)...]))
            let containerRange = range(parts[1].split(separator: "/").first.map(String.init) ?? "")
            guard let hostRange, let containerRange, hostRange.count == containerRange.count else { continue }
            for (host, container) in zip(hostRange, containerRange) {
                result.append(PortPublish(hostIP: hostIP, hostPort: host, containerPort: container))
            }
        }
        return result
    }

    static func range(_ text: String) -> ClosedRange<Int>? {
        let bounds = text.split(separator: "-").map { Int($0) }
        guard let low = bounds.first ?? nil else { return nil }
        let high = bounds.count > 1 ? bounds[1] : low
        guard let high, high >= low else { return nil }
        return low...high
    }

    /// `Exited (3) 2 seconds ago` → 3.
    static func exitCode(status: String) -> Int? {
        guard let open = status.firstIndex(of: "("), let close = status[open...].firstIndex(of: ")") else { return nil }
        return Int(status[status.index(after: open)..<close])
    }

    static func event(_ line: String) -> RuntimeEvent? {
        guard let event = try? JSONDecoder().decode(Event.self, from: Data(line.utf8)),
              event.Type == nil || event.Type == "container",
              let action = event.Action ?? event.status, let id = event.Actor?.ID ?? event.id
        else { return nil }
        let attributes = event.Actor?.Attributes ?? [:]
        let time = event.timeNano.map(RuntimeTime.fromUnix) ?? event.time.map(RuntimeTime.fromUnix) ?? Date()
        return RuntimeEvent(
            action: EventActions.normalise(action), containerID: id, containerName: attributes["name"] ?? "",
            labels: attributes.filter { !eventAttributes.contains($0.key) }, time: time,
            exitCode: attributes["exitCode"].flatMap { Int($0) })
    }

    static func volumes(_ output: String) throws -> [VolumeInfo] {
        let trimmed = output.trimmingWhitespace()
        guard !trimmed.isEmpty else { return [] }
        return try JSONDecoder().decode([Volume].self, from: Data(trimmed.utf8)).map {
            VolumeInfo(name: $0.Name, labels: $0.Labels ?? [:], createdAt: $0.CreatedAt.flatMap(RuntimeTime.parse))
        }
    }

    /// The engine's version (the server), falling back to the client's.
    static func version(_ output: String) throws -> String {
        let version = try JSONDecoder().decode(Version.self, from: Data(output.utf8))
        guard let text = version.Server?.Version ?? version.Client?.Version else {
            throw ClawError(.runtime, "docker version printed no version")
        }
        return text
    }
}
