import ClawCore

extension ContainerWire {
    /// `GET`/`PUT /container/queue/max-concurrent` (the request and the answer).
    public struct MaxConcurrent: CheckedRequest, Equatable {
        public var maxConcurrent: Int

        public init(maxConcurrent: Int) { self.maxConcurrent = maxConcurrent }

        enum CodingKeys: String, CodingKey, CaseIterable { case maxConcurrent }

        public init(from decoder: any Decoder) throws {
            maxConcurrent = try decoder.strictContainer(keyedBy: CodingKeys.self).decodeInteger(forKey: .maxConcurrent)
        }

        public func validate() throws(ClawError) { try FieldRules.integer(maxConcurrent, "maxConcurrent", range: 1...256) }
    }

    /// `GET /container/queue/groups[/{group}]`: one group's place in the live queue.
    public struct QueueGroup: Codable, Sendable, Equatable {
        public var group: String
        public var active: Bool
        @ExplicitNull public var containerName: String?
        @ExplicitNull public var runId: String?
        public var pendingMessages: Int
        public var pendingTasks: Int
        public var retryCount: Int

        public init(_ g: QueueGroupState) {
            group = g.group
            active = g.activeRun != nil
            containerName = g.activeRun?.containerName
            runId = g.activeRun?.runID
            pendingMessages = g.pendingMessages
            pendingTasks = g.pendingTasks
            retryCount = g.retryCount
        }
    }

    /// `GET /container/queue/counts`.
    public struct QueueCounts: Codable, Sendable, Equatable {
        public var active: Int
        /// Groups with queued runs and no active one.
        public var waiting: Int
        public var pendingMessages: Int
        public var pendingTasks: Int
        public var maxConcurrent: Int

        public init(_ c: ClawCore.QueueCounts) {
            active = c.active
            waiting = c.waiting
            pendingMessages = c.pendingMessages
            pendingTasks = c.pendingTasks
            maxConcurrent = c.maxConcurrent
        }
    }
}
