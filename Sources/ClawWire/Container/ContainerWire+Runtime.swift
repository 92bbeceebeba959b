import ClawCore

extension ContainerWire {
    /// `GET /container/runtime`.
    public struct RuntimeStatus: Codable, Sendable, Equatable {
        public var available: Bool
        @ExplicitNull public var backend: String?
        @ExplicitNull public var version: String?
        public var networking: Networking
        public var message: String

        public init(available: Bool, backend: String?, version: String?, networking: Networking, message: String) {
            self.available = available
            self.backend = backend
            self.version = version
            self.networking = networking
            self.message = message
        }
    }

    /// How an agent container reaches the host (the credential proxy).
    public struct Networking: Codable, Sendable, Equatable {
        @ExplicitNull public var hostGateway: String?
        public var extraRunArgs: [String]

        public init(hostGateway: String? = nil, extraRunArgs: [String] = []) {
            self.hostGateway = hostGateway
            self.extraRunArgs = extraRunArgs
        }
    }

    /// `POST /container/image/build`: the configured tag when `imageTag` is absent.
    public struct ImageBuildRequest: CheckedRequest, Equatable {
        public var imageTag: String?

        public init(imageTag: String? = nil) { self.imageTag = imageTag }

        enum CodingKeys: String, CodingKey, CaseIterable { case imageTag }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            imageTag = try c.decodeIfPresent(String.self, forKey: .imageTag)
        }

        public func validate() throws(ClawError) {
            try FieldRules.text(imageTag, "imageTag", maxLength: 255)
            if let imageTag, !Validation.isImageReference(imageTag) {
                throw ClawError(.invalidArgument, "'imageTag' is not a valid image reference", param: "imageTag")
            }
        }
    }

    /// One image build (`POST /image/build`, `GET /image/builds/{id}`).
    public struct ImageBuild: Codable, Sendable, Equatable {
        public var buildId: String
        public var imageTag: String
        /// `running`, `succeeded` or `failed`.
        public var status: String
        @ExplicitNull public var success: Bool?
        public var output: String
        public var message: String
        public var startedAt: String
        @ExplicitNull public var finishedAt: String?
        /// The build's operation (same id): wait at `/v1/operations/{operationId}/wait`.
        public var operationId: String?

        public init(buildId: String, imageTag: String, status: String, success: Bool?, output: String, message: String,
                    startedAt: String, finishedAt: String?, operationId: String? = nil) {
            self.operationId = operationId
            self.buildId = buildId
            self.imageTag = imageTag
            self.status = status
            self.success = success
            self.output = output
            self.message = message
            self.startedAt = startedAt
            self.finishedAt = finishedAt
        }
    }

    /// `GET /container/image/status`.
    public struct ImageStatus: Codable, Sendable, Equatable {
        public var exists: Bool
        public var imageTag: String
        public var message: String
        @ExplicitNull public var id: String?
        @ExplicitNull public var createdAt: String?
        @ExplicitNull public var sizeBytes: Int64?

        public init(exists: Bool, imageTag: String, message: String, id: String? = nil, createdAt: String? = nil,
                    sizeBytes: Int64? = nil) {
            self.exists = exists
            self.imageTag = imageTag
            self.message = message
            self.id = id
            self.createdAt = createdAt
            self.sizeBytes = sizeBytes
        }
    }
}
