import ClawCore

extension ContainerWire {
    /// `POST /container/runs`: `kind` is `message` (default) or `task`.
    public struct RunRequest: CheckedRequest, Equatable {
        public var group: String
        public var prompt: String
        public var timeoutSecs: Int?
        public var kind: String?

        public init(group: String, prompt: String, timeoutSecs: Int? = nil, kind: String? = nil) {
            self.group = group
            self.prompt = prompt
            self.timeoutSecs = timeoutSecs
            self.kind = kind
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case group, prompt, timeoutSecs, kind }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            group = try c.decode(String.self, forKey: .group)
            prompt = try c.decode(String.self, forKey: .prompt)
            timeoutSecs = try c.decodeIntegerIfPresent(forKey: .timeoutSecs)
            kind = try c.decodeIfPresent(String.self, forKey: .kind)
        }

        public func validate() throws(ClawError) {
            try FieldRules.text(group, "group", maxLength: 64)
            try FieldRules.text(prompt, "prompt", maxLength: 256 * 1024, allowControl: true)
            try FieldRules.integer(timeoutSecs, "timeoutSecs", range: 0...86_400)
            try FieldRules.text(kind, "kind", maxLength: 16)
            _ = try runKind
        }

        public var runKind: RunKind {
            get throws(ClawError) {
                guard let kind = RunKind(rawValue: kind ?? RunKind.message.rawValue) else {
                    throw ClawError(.invalidArgument, "'kind' must be task or message", param: "kind")
                }
                return kind
            }
        }
    }

    /// The answer of `POST /container/runs` (202).
    public struct RunStarted: Codable, Sendable, Equatable {
        public var runId: String
        public var status: String
        /// The run is its own operation: wait at `/v1/operations/{operationId}/wait` (the answer's `Location`).
        public var operationId: String?

        public init(runId: String, status: String, operationId: String? = nil) {
            self.runId = runId
            self.status = status
            self.operationId = operationId
        }
    }

    /// One agent run (`GET /container/runs/{id}`, run history).
    public struct Run: Codable, Sendable, Equatable {
        public var runId: String
        public var group: String
        public var kind: String
        public var status: String
        @ExplicitNull public var output: String?
        @ExplicitNull public var error: String?
        public var attempt: Int
        @ExplicitNull public var scheduleId: String?
        /// 0: no limit.
        public var timeoutSecs: Int
        public var contextMode: String
        public var createdAt: String
        @ExplicitNull public var startedAt: String?
        @ExplicitNull public var finishedAt: String?
        @ExplicitNull public var durationMs: Int64?

        public init(runId: String, group: String, kind: String, status: String, output: String?, error: String?,
                    attempt: Int, scheduleId: String?, timeoutSecs: Int, contextMode: String, createdAt: String,
                    startedAt: String?, finishedAt: String?, durationMs: Int64?) {
            self.runId = runId
            self.group = group
            self.kind = kind
            self.status = status
            self.output = output
            self.error = error
            self.attempt = attempt
            self.scheduleId = scheduleId
            self.timeoutSecs = timeoutSecs
            self.contextMode = contextMode
            self.createdAt = createdAt
            self.startedAt = startedAt
            self.finishedAt = finishedAt
            self.durationMs = durationMs
        }
    }
}
