import Foundation

/// A group's `containerConfig` (NanoClaw's name): the extra host directories its runs ask
/// for. Only the shape is checked here; whether a mount is allowed is decided at each run start
/// against the allowlist of that moment (`MountSecurity.validate`).
///
/// Decoding checks the shape (`{"additionalMounts": [{"hostPath", "containerPath"?, "readOnly"?}]}`,
/// unknown fields refused: a 400); `validate` checks that a well-formed config can be mounted
/// (a 422 in the container dialect).
public struct GroupContainerConfig: Sendable, Equatable, Codable {
    public static let maxMounts = 32

    public var additionalMounts: [MountRequest]

    public init(additionalMounts: [MountRequest] = []) { self.additionalMounts = additionalMounts }

    enum CodingKeys: String, CodingKey, CaseIterable { case additionalMounts }

    /// `additionalMounts` absent or null: none.
    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownFields(Set(CodingKeys.allCases.map(\.rawValue)))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        additionalMounts = try c.decodeIfPresent([MountRequest].self, forKey: .additionalMounts) ?? []
        guard additionalMounts.count <= Self.maxMounts else {
            let field = AnyCodingKey.path(decoder.codingPath + [CodingKeys.additionalMounts])
            throw ClawError(.invalidArgument, "'\(field)' must be an array of at most \(Self.maxMounts) objects", param: field)
        }
    }

    /// Refuses a mount that cannot be made: a host path that is relative, empty, too long or
    /// climbs with `..`; an unusable container path; two mounts at the same place. `param` is
    /// the config's own field name, for the error's dotted path.
    public func validate(param: String = "containerConfig") throws(ClawError) {
        var seen: Set<String> = []
        for (i, request) in additionalMounts.enumerated() {
            let p = "\(param).additionalMounts[\(i)]"
            let host = request.hostPath
            let hostProblem: String? = if host.isEmpty || host.count > 4096 {
                "must be 1-4096 characters"
            } else if !(host.hasPrefix("/") || host == "~" || host.hasPrefix("~/")) {
                "must be absolute (or start with ~/)"
            } else if host.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                "contains a control character"
            } else if MountSecurity.pathComponents(host).contains("..") {
                "must not contain '..'"
            } else { nil }
            if let hostProblem { throw ClawError(.invalidArgument, "'\(p).hostPath' \(hostProblem)", param: "\(p).hostPath") }
            switch MountSecurity.containerPath(request) {
            case .failure(let problem):
                throw ClawError(.invalidArgument, "'\(p).containerPath': \(problem.message)", param: "\(p).containerPath")
            case .success(let path):
                guard seen.insert(path).inserted else {
                    throw ClawError(.invalidArgument, "'\(p).containerPath': /workspace/extra/\(path) is mounted twice",
                                    param: "\(p).containerPath")
                }
            }
        }
    }

    /// The document as stored (`containerPath` null when it was not given).
    public func jsonText() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The stored text back; a document that no longer decodes or validates counts as empty
    /// (it never blocks a run).
    public static func stored(_ text: String) -> GroupContainerConfig {
        guard let config = try? JSONDecoder().decode(GroupContainerConfig.self, from: Data(text.utf8)),
              (try? config.validate()) != nil
        else { return .init() }
        return config
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
