import Foundation

/// A group's `containerConfig` (NanoClaw's name): the extra host directories its runs ask
/// for. Only the shape is checked here; whether a mount is allowed is decided at each run start
/// against the allowlist of that moment (`MountSecurity.validate`).
public struct GroupContainerConfig: Sendable, Equatable {
    public static let maxMounts = 32

    public var additionalMounts: [MountRequest]

    public init(additionalMounts: [MountRequest] = []) { self.additionalMounts = additionalMounts }

    /// A problem with a config document: `shape` (wrong type, unknown field: 400) or `rule`
    /// (well-formed but unusable, e.g. a container path with `..`: 422). The message names the field.
    public struct Problem: Error, Sendable {
        public enum Kind: Sendable { case shape, rule }
        public var kind: Kind
        public var error: ClawError
    }

    /// Parses `{"additionalMounts": [{"hostPath", "containerPath"?, "readOnly"?}]}` strictly.
    /// `readOnly` defaults to true; a missing `containerPath` means the host path's last component.
    public static func parse(_ value: Any, param: String = "containerConfig") throws(Problem) -> GroupContainerConfig {
        func shape(_ p: String, _ text: String) -> Problem { Problem(kind: .shape, error: ClawError(.invalidArgument, text, param: p)) }
        func rule(_ p: String, _ text: String) -> Problem { Problem(kind: .rule, error: ClawError(.invalidArgument, text, param: p)) }
        guard let object = value as? [String: Any] else { throw shape(param, "'\(param)' must be an object") }
        if let unknown = object.keys.sorted().first(where: { $0 != "additionalMounts" }) {
            throw shape("\(param).\(unknown)", "unknown field '\(param).\(unknown)'")
        }
        var config = GroupContainerConfig()
        guard let rawMounts = object["additionalMounts"], !(rawMounts is NSNull) else { return config }
        let listParam = "\(param).additionalMounts"
        guard let list = rawMounts as? [Any], list.count <= maxMounts else {
            throw shape(listParam, "'\(listParam)' must be an array of at most \(maxMounts) objects")
        }
        var seen: Set<String> = []
        for (i, entry) in list.enumerated() {
            let p = "\(listParam)[\(i)]"
            guard let o = entry as? [String: Any] else { throw shape(p, "'\(p)' must be an object") }
            if let unknown = o.keys.sorted().first(where: { !["hostPath", "containerPath", "readOnly"].contains($0) }) {
                throw shape("\(p).\(unknown)", "unknown field '\(p).\(unknown)'")
            }
            guard let host = o["hostPath"] as? String else { throw shape("\(p).hostPath", "'\(p).hostPath' must be a string") }
            var request = MountRequest(hostPath: host)
            if let c = o["containerPath"], !(c is NSNull) {
                guard let s = c as? String else {
                    throw shape("\(p).containerPath", "'\(p).containerPath' must be a string")
                }
                request.containerPath = s
            }
            if let ro = o["readOnly"], !(ro is NSNull) {
                guard isJSONBool(ro), let b = ro as? Bool else {
                    throw shape("\(p).readOnly", "'\(p).readOnly' must be true or false")
                }
                request.readOnly = b
            }
            let hostProblem: String? = if host.isEmpty || host.count > 4096 {
                "must be 1-4096 characters"
            } else if !(host.hasPrefix("/") || host == "~" || host.hasPrefix("~/")) {
                "must be absolute (or start with ~/)"
            } else if host.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                "contains a control character"
            } else if MountSecurity.pathComponents(host).contains("..") {
                "must not contain '..'"
            } else { nil }
            if let hostProblem { throw rule("\(p).hostPath", "'\(p).hostPath' \(hostProblem)") }
            switch MountSecurity.containerPath(request) {
            case .failure(let problem): throw rule("\(p).containerPath", "'\(p).containerPath': \(problem.message)")
            case .success(let path):
                guard seen.insert(path).inserted else {
                    throw rule("\(p).containerPath", "'\(p).containerPath': /workspace/extra/\(path) is mounted twice")
                }
            }
            config.additionalMounts.append(request)
        }
        return config
    }

    /// The document as stored and answered (`containerPath` null when it was not given).
    public var jsonObject: [String: Any] {
        ["additionalMounts": additionalMounts.map { m -> [String: Any] in
            ["hostPath": m.hostPath, "containerPath": m.containerPath.map { $0 as Any } ?? NSNull(), "readOnly": m.readOnly]
        }]
    }

    public func jsonText() -> String {
        let data = try? JSONSerialization.data(withJSONObject: jsonObject, options: [.sortedKeys, .withoutEscapingSlashes])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The stored text back; a document that no longer parses counts as empty (never blocks a run).
    public static func stored(_ text: String) -> GroupContainerConfig {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) else { return .init() }
        return (try? parse(object)) ?? .init()
    }

    /// Where a mount appears in the container: `/workspace/extra/<containerPath>` (the raw text
    /// when the path is unusable, for the audit log).
    public static func extraPath(of request: MountRequest) -> String {
        switch MountSecurity.containerPath(request) {
        case .success(let path): MountSecurity.extraMountBase + "/" + path
        case .failure: MountSecurity.extraMountBase + "/" + (request.containerPath ?? request.hostPath)
        }
    }
}
