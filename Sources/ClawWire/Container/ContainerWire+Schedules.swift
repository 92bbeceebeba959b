import ClawCore

extension ContainerWire {
    /// `POST`/`PUT /container/schedules[/{id}]`. Creating needs `name`, `group`, `prompt` and
    /// `schedule` (`validate(creating:)`); updating changes the fields given. A schedule that
    /// decodes but cannot run (bad cron field, interval, time) is refused by the route with a 422.
    public struct ScheduleRequest: CheckedRequest, Equatable {
        public var name: String?
        public var group: String?
        public var prompt: String?
        public var schedule: ScheduleSpec?
        public var containerConfig: ScheduleConfig?
        /// `group` or `isolated`.
        public var contextMode: String?
        public var enabled: Bool?

        public init(name: String? = nil, group: String? = nil, prompt: String? = nil, schedule: ScheduleSpec? = nil,
                    containerConfig: ScheduleConfig? = nil, contextMode: String? = nil, enabled: Bool? = nil) {
            self.name = name
            self.group = group
            self.prompt = prompt
            self.schedule = schedule
            self.containerConfig = containerConfig
            self.contextMode = contextMode
            self.enabled = enabled
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, group, prompt, schedule, containerConfig, contextMode, enabled
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            group = try c.decodeIfPresent(String.self, forKey: .group)
            prompt = try c.decodeIfPresent(String.self, forKey: .prompt)
            schedule = try c.decodeIfPresent(ScheduleSpec.self, forKey: .schedule)
            containerConfig = try c.decodeIfPresent(ScheduleConfig.self, forKey: .containerConfig)
            contextMode = try c.decodeIfPresent(String.self, forKey: .contextMode)
            enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled)
        }

        public func validate() throws(ClawError) { try validate(creating: false) }

        public func validate(creating: Bool) throws(ClawError) {
            if creating { _ = try FieldRules.required(name, "name") }
            try FieldRules.text(name, "name", maxLength: 200)
            if creating { _ = try FieldRules.required(group, "group") }
            try FieldRules.text(group, "group", maxLength: 64)
            if creating { _ = try FieldRules.required(prompt, "prompt") }
            try FieldRules.text(prompt, "prompt", maxLength: 256 * 1024, allowControl: true)
            try FieldRules.text(contextMode, "contextMode", maxLength: 16)
            if let contextMode, contextMode != "group", contextMode != "isolated" {
                throw ClawError(.invalidArgument, "'contextMode' must be group or isolated", param: "contextMode")
            }
            try FieldRules.integer(containerConfig?.timeoutSecs, "containerConfig.timeoutSecs", range: 0...86_400)
            if let schedule { try FieldRules.text(schedule.type, "schedule.type", maxLength: 16) }
            if creating { _ = try FieldRules.required(schedule, "schedule") }
        }
    }

    /// One schedule.
    public struct Schedule: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var group: String
        public var prompt: String
        public var schedule: ScheduleSpec
        public var containerConfig: ScheduleConfig
        public var contextMode: String
        public var enabled: Bool
        /// `active`, `paused` or `completed`.
        public var status: String
        @ExplicitNull public var nextRun: String?
        @ExplicitNull public var lastRun: String?
        @ExplicitNull public var lastResult: String?
        public var createdAt: String
        public var updatedAt: String

        public init(id: String, name: String, group: String, prompt: String, schedule: ScheduleSpec,
                    containerConfig: ScheduleConfig, contextMode: String, enabled: Bool, status: String, nextRun: String?,
                    lastRun: String?, lastResult: String?, createdAt: String, updatedAt: String) {
            self.id = id
            self.name = name
            self.group = group
            self.prompt = prompt
            self.schedule = schedule
            self.containerConfig = containerConfig
            self.contextMode = contextMode
            self.enabled = enabled
            self.status = status
            self.nextRun = nextRun
            self.lastRun = lastRun
            self.lastResult = lastResult
            self.createdAt = createdAt
            self.updatedAt = updatedAt
        }
    }

    /// One slot of a schedule (`GET /container/schedules/{id}/logs`): its run's end, or a slot
    /// skipped while a run of the schedule was still queued or running (`runId`: that run).
    public struct ScheduleLogEntry: Codable, Sendable, Equatable {
        public var runId: String
        public var runAt: String
        public var durationMs: Int64
        /// `success`, `error` or `skipped`.
        public var status: String
        @ExplicitNull public var result: String?
        @ExplicitNull public var error: String?

        public init(runId: String, runAt: String, durationMs: Int64, status: String, result: String?, error: String?) {
            self.runId = runId
            self.runAt = runAt
            self.durationMs = durationMs
            self.status = status
            self.result = result
            self.error = error
        }
    }
}
