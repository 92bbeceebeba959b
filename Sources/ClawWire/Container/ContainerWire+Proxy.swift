import ClawCore

extension ContainerWire {
    /// `GET /container/credential-proxy/status` (and the answer of start, stop, port).
    public struct ProxyStatus: Codable, Sendable, Equatable {
        public var running: Bool
        public var port: Int
        @ExplicitNull public var bindHost: String?
        /// Public fields only: never a credential.
        public var mappings: [ProxyMapping]
        public var requestsServed: Int

        public init(running: Bool, port: Int, bindHost: String?, mappings: [ProxyMapping], requestsServed: Int) {
            self.running = running
            self.port = port
            self.bindHost = bindHost
            self.mappings = mappings
            self.requestsServed = requestsServed
        }
    }

    /// A credential mapping as answered: its placeholder, never its credential.
    public struct ProxyMapping: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var upstreamUrl: String
        /// `api_key` or `bearer`.
        public var credentialType: String
        public var placeholder: String
        public var createdAt: String
        /// Empty: every org's runs may use it.
        public var orgIds: [String]

        public init(id: String, name: String, upstreamUrl: String, credentialType: String, placeholder: String,
                    createdAt: String, orgIds: [String]) {
            self.id = id
            self.name = name
            self.upstreamUrl = upstreamUrl
            self.credentialType = credentialType
            self.placeholder = placeholder
            self.createdAt = createdAt
            self.orgIds = orgIds
        }
    }

    /// `PUT /container/credential-proxy/port`.
    public struct ProxyPortRequest: CheckedRequest, Equatable {
        public var port: Int

        public init(port: Int) { self.port = port }

        enum CodingKeys: String, CodingKey, CaseIterable { case port }

        public init(from decoder: any Decoder) throws {
            port = try decoder.strictContainer(keyedBy: CodingKeys.self).decodeInteger(forKey: .port)
        }

        public func validate() throws(ClawError) { try FieldRules.integer(port, "port", range: 1024...65535) }
    }

    /// `POST /container/credential-proxy/mappings`. `orgIds` absent, null or empty: every org.
    /// Whether each org exists is checked by the server.
    public struct ProxyMappingRequest: CheckedRequest, Equatable {
        public var name: String
        public var upstreamUrl: String
        public var credentialType: String
        public var credential: String
        public var orgIds: [String]?

        public init(name: String, upstreamUrl: String, credentialType: String, credential: String, orgIds: [String]? = nil) {
            self.name = name
            self.upstreamUrl = upstreamUrl
            self.credentialType = credentialType
            self.credential = credential
            self.orgIds = orgIds
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case name, upstreamUrl, credentialType, credential, orgIds }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            upstreamUrl = try c.decode(String.self, forKey: .upstreamUrl)
            credentialType = try c.decode(String.self, forKey: .credentialType)
            credential = try c.decode(String.self, forKey: .credential)
            // One message for any wrong shape (not an array, not strings, too many), naming `orgIds`.
            if let raw = try c.decodeIfPresent(JSONValue.self, forKey: .orgIds) {
                guard let ids = raw.array, ids.count <= 64, ids.allSatisfy({ $0.string != nil }) else {
                    throw ClawError(.invalidArgument, "'orgIds' must be an array of at most 64 org ids", param: "orgIds")
                }
                orgIds = ids.compactMap(\.string)
            } else {
                orgIds = nil
            }
        }

        public func validate() throws(ClawError) {
            try FieldRules.text(name, "name", maxLength: 64)
            guard GroupName.isValid(name) else {
                throw ClawError(.invalidArgument, "'name' must match [a-z0-9][a-z0-9_-]{0,63}", param: "name")
            }
            try FieldRules.text(upstreamUrl, "upstreamUrl", maxLength: 2048)
            try ProxyUpstream.check(upstreamUrl)
            try FieldRules.text(credentialType, "credentialType", maxLength: 16)
            guard credentialType == "api_key" || credentialType == "bearer" else {
                throw ClawError(.invalidArgument, "'credentialType' must be api_key or bearer", param: "credentialType")
            }
            try FieldRules.text(credential, "credential", maxLength: 8192)
            guard !credential.isEmpty, !credential.contains(" ") else {
                throw ClawError(.invalidArgument, "'credential' must be non-empty without spaces", param: "credential")
            }
        }
    }

    /// The answer of `POST /container/credential-proxy/mappings`.
    public struct ProxyMappingCreated: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var placeholder: String
        public var orgIds: [String]

        public init(id: String, name: String, placeholder: String, orgIds: [String]) {
            self.id = id
            self.name = name
            self.placeholder = placeholder
            self.orgIds = orgIds
        }
    }
}
