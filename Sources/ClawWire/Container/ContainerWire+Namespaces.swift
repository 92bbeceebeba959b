import ClawCore

extension ContainerWire {
    /// `POST /container/namespaces`. A `containerConfig` that decodes but cannot be mounted is
    /// refused by the route with a 422 (`GroupContainerConfig.validate`).
    public struct NamespaceCreateRequest: CheckedRequest, Equatable {
        public var name: String
        public var description: String?
        public var isMain: Bool?
        public var chatJids: [String]?
        public var containerConfig: GroupContainerConfig?

        public init(name: String, description: String? = nil, isMain: Bool? = nil, chatJids: [String]? = nil,
                    containerConfig: GroupContainerConfig? = nil) {
            self.name = name
            self.description = description
            self.isMain = isMain
            self.chatJids = chatJids
            self.containerConfig = containerConfig
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case name, description, isMain, chatJids, containerConfig }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            description = try c.decodeIfPresent(String.self, forKey: .description)
            isMain = try c.decodeIfPresent(Bool.self, forKey: .isMain)
            chatJids = try c.decodeIfPresent([String].self, forKey: .chatJids)
            containerConfig = try c.decodeIfPresent(GroupContainerConfig.self, forKey: .containerConfig)
        }

        public func validate() throws(ClawError) {
            try FieldRules.text(name, "name", maxLength: 64)
            try GroupName.validate(name)
            try FieldRules.text(description, "description", maxLength: 2000)
            try FieldRules.list(chatJids, "chatJids")
        }
    }

    /// `PUT /container/namespaces/{name}`: absent fields keep their value.
    public struct NamespaceUpdateRequest: CheckedRequest, Equatable {
        public var description: String?
        public var chatJids: [String]?
        public var containerConfig: GroupContainerConfig?

        public init(description: String? = nil, chatJids: [String]? = nil, containerConfig: GroupContainerConfig? = nil) {
            self.description = description
            self.chatJids = chatJids
            self.containerConfig = containerConfig
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case description, chatJids, containerConfig }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            description = try c.decodeIfPresent(String.self, forKey: .description)
            chatJids = try c.decodeIfPresent([String].self, forKey: .chatJids)
            containerConfig = try c.decodeIfPresent(GroupContainerConfig.self, forKey: .containerConfig)
        }

        public func validate() throws(ClawError) {
            try FieldRules.text(description, "description", maxLength: 2000)
            try FieldRules.list(chatJids, "chatJids")
        }
    }

    /// `POST /container/namespaces/merge-instructions`.
    public struct MergeInstructionsRequest: CheckedRequest, Equatable {
        public var name: String

        public init(name: String) { self.name = name }

        enum CodingKeys: String, CodingKey, CaseIterable { case name }

        public init(from decoder: any Decoder) throws {
            name = try decoder.strictContainer(keyedBy: CodingKeys.self).decode(String.self, forKey: .name)
        }

        public func validate() throws(ClawError) {
            try FieldRules.text(name, "name", maxLength: 64)
            try GroupName.validate(name)
        }
    }

    /// `PUT /container/namespaces/{name}/instructions`: up to 1 MiB of text (lines and tabs allowed).
    public struct InstructionsRequest: CheckedRequest, Equatable {
        public var content: String

        public init(content: String) { self.content = content }

        enum CodingKeys: String, CodingKey, CaseIterable { case content }

        public init(from decoder: any Decoder) throws {
            content = try decoder.strictContainer(keyedBy: CodingKeys.self).decode(String.self, forKey: .content)
        }

        public func validate() throws(ClawError) {
            try FieldRules.text(content, "content", maxLength: 1 << 20, allowControl: true)
        }
    }

    /// A group (namespace).
    public struct Namespace: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var description: String
        public var isMain: Bool
        public var chatJids: [String]
        public var containerConfig: GroupContainerConfig
        public var createdAt: String
        public var updatedAt: String

        public init(id: String, name: String, description: String, isMain: Bool, chatJids: [String],
                    containerConfig: GroupContainerConfig, createdAt: String, updatedAt: String) {
            self.id = id
            self.name = name
            self.description = description
            self.isMain = isMain
            self.chatJids = chatJids
            self.containerConfig = containerConfig
            self.createdAt = createdAt
            self.updatedAt = updatedAt
        }
    }

    /// `POST /container/namespaces/merge-instructions`: the global instructions, then the group's.
    public struct MergedInstructions: Codable, Sendable, Equatable {
        public var merged: String
        public var sources: [String]

        public init(merged: String, sources: [String]) {
            self.merged = merged
            self.sources = sources
        }
    }

    /// A group's (or `global`'s) instructions.
    public struct Instructions: Codable, Sendable, Equatable {
        public var name: String
        public var content: String

        public init(name: String, content: String) {
            self.name = name
            self.content = content
        }
    }
}
