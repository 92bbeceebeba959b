import ClawCore

extension ContainerWire {
    /// `POST /container/mount/validate`: `readOnly` defaults to true; `group` decides main-ness.
    public struct MountValidateRequest: CheckedRequest, Equatable {
        public var hostPath: String
        public var containerPath: String?
        public var readOnly: Bool?
        public var group: String?

        public init(hostPath: String, containerPath: String? = nil, readOnly: Bool? = nil, group: String? = nil) {
            self.hostPath = hostPath
            self.containerPath = containerPath
            self.readOnly = readOnly
            self.group = group
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case hostPath, containerPath, readOnly, group }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            hostPath = try c.decode(String.self, forKey: .hostPath)
            containerPath = try c.decodeIfPresent(String.self, forKey: .containerPath)
            readOnly = try c.decodeIfPresent(Bool.self, forKey: .readOnly)
            group = try c.decodeIfPresent(String.self, forKey: .group)
        }

        public func validate() throws(ClawError) {
            try FieldRules.text(hostPath, "hostPath", maxLength: 4096)
            try FieldRules.text(containerPath, "containerPath", maxLength: 1024)
            try FieldRules.text(group, "group", maxLength: 64)
            if let group { try GroupName.validate(group, param: "group") }
        }

        public var mount: MountRequest { MountRequest(hostPath: hostPath, containerPath: containerPath, readOnly: readOnly ?? true) }
    }

    /// `GET`/`PUT /container/mount/allowlist`: the document, whether one is configured, and the
    /// patterns that are always blocked.
    public struct Allowlist: Codable, Sendable, Equatable {
        public var allowedRoots: [MountAllowlist.Root]
        public var blockedPatterns: [String]
        public var nonMainReadOnly: Bool
        public var configured: Bool
        public var builtInBlockedPatterns: [String]

        public init(_ list: MountAllowlist?) {
            let l = list ?? MountAllowlist()
            allowedRoots = l.allowedRoots
            blockedPatterns = l.blockedPatterns
            nonMainReadOnly = l.nonMainReadOnly
            configured = list != nil
            builtInBlockedPatterns = MountAllowlist.builtInBlockedPatterns
        }
    }
}

extension MountAllowlist: ContainerWire.CheckedRequest {}
