import ClawCore

extension ContainerWire {
    /// `POST /container/ipc/directories` and `/ipc/close`.
    public struct GroupRequest: CheckedRequest, Equatable {
        public var group: String

        public init(group: String) { self.group = group }

        enum CodingKeys: String, CodingKey, CaseIterable { case group }

        public init(from decoder: any Decoder) throws {
            group = try decoder.strictContainer(keyedBy: CodingKeys.self).decode(String.self, forKey: .group)
        }

        public func validate() throws(ClawError) { try IPCGroup.check(group) }
    }

    /// `POST /container/ipc/follow-up`: a message may span lines, so only NUL and the other
    /// control characters besides \n \r \t are refused.
    public struct FollowUpRequest: CheckedRequest, Equatable {
        public var group: String
        public var text: String

        public init(group: String, text: String) {
            self.group = group
            self.text = text
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case group, text }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            group = try c.decode(String.self, forKey: .group)
            text = try c.decode(String.self, forKey: .text)
        }

        public func validate() throws(ClawError) {
            try IPCGroup.check(group)
            guard !text.isEmpty, text.utf8.count <= 100_000,
                  !text.unicodeScalars.contains(where: {
                      $0.properties.generalCategory == .control && !["\n", "\r", "\t"].contains($0)
                  })
            else {
                throw ClawError(.invalidArgument, "'text' must be a non-empty string of at most 100000 bytes without NUL",
                                param: "text")
            }
        }
    }

    /// The answer of `POST /container/ipc/directories`.
    public struct IPCDirectories: Codable, Sendable, Equatable {
        public var group: String
        public var path: String
        /// false when they existed already.
        public var created: Bool

        public init(group: String, path: String, created: Bool) {
            self.group = group
            self.path = path
            self.created = created
        }
    }

    /// The answer of `POST /container/ipc/follow-up`.
    public struct FollowUpDelivered: Codable, Sendable, Equatable {
        public var delivered: Bool
        /// The message file written into the group's `input/`.
        public var file: String

        public init(delivered: Bool = true, file: String) {
            self.delivered = delivered
            self.file = file
        }
    }

    /// The answer of `POST /container/ipc/close`.
    public struct Closed: Codable, Sendable, Equatable {
        public var closed: Bool
        public init(closed: Bool = true) { self.closed = closed }
    }
}

/// The `group` of an IPC request: no traversal, NUL or leading `-`.
enum IPCGroup {
    static func check(_ group: String) throws(ClawError) {
        guard group.count <= 256, !group.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ClawError(.invalidArgument, "'group' is required: 1-64 of [a-z0-9_-] (no '..', '/', NUL or leading '-')",
                            param: "group")
        }
        try GroupName.validate(group, param: "group")
    }
}
