import ClawCore

extension ContainerWire {
    /// One entry of `GET /container/audit-log`.
    public struct AuditLogEntry: Codable, Sendable, Equatable {
        public var id: Int64
        public var at: String
        public var actor: String
        public var action: String
        public var target: String
        public var outcome: String
        @ExplicitNull public var detail: String?

        public init(id: Int64, at: String, actor: String, action: String, target: String, outcome: String, detail: String?) {
            self.id = id
            self.at = at
            self.actor = actor
            self.action = action
            self.target = target
            self.outcome = outcome
            self.detail = detail
        }
    }

    /// `GET /container/metrics`.
    public struct Metrics: Codable, Sendable, Equatable {
        public var activeRuns: Int
        public var queuedRuns: Int
        public var maxConcurrent: Int
        /// Instances by status.
        public var instances: [String: Int]
        /// Agent containers running now, with their CPU percent and memory bytes.
        public var containers: Int
        public var cpuPercent: Double
        public var memoryBytes: Int64
        public var runsByStatus: [String: Int]

        public init(activeRuns: Int, queuedRuns: Int, maxConcurrent: Int, instances: [String: Int], containers: Int,
                    cpuPercent: Double, memoryBytes: Int64, runsByStatus: [String: Int]) {
            self.activeRuns = activeRuns
            self.queuedRuns = queuedRuns
            self.maxConcurrent = maxConcurrent
            self.instances = instances
            self.containers = containers
            self.cpuPercent = cpuPercent
            self.memoryBytes = memoryBytes
            self.runsByStatus = runsByStatus
        }
    }

    /// `GET /container/analytics`: per UTC day, oldest first.
    public struct Analytics: Codable, Sendable, Equatable {
        public var days: Int
        public var daily: [AnalyticsDay]

        public init(days: Int, daily: [AnalyticsDay]) {
            self.days = days
            self.daily = daily
        }
    }

    /// One day: the totals, and the same counts per group.
    public struct AnalyticsDay: Codable, Sendable, Equatable {
        public var date: String
        public var runs: Int
        public var successes: Int
        public var failures: Int
        public var timeouts: Int
        @ExplicitNull public var p50DurationMs: Int64?
        @ExplicitNull public var p95DurationMs: Int64?
        public var byGroup: [String: AnalyticsBucket]

        public init(_ day: RunAnalytics.Day) {
            let total = AnalyticsBucket(day.total)
            date = day.date
            runs = total.runs
            successes = total.successes
            failures = total.failures
            timeouts = total.timeouts
            p50DurationMs = total.p50DurationMs
            p95DurationMs = total.p95DurationMs
            byGroup = day.byGroup.mapValues(AnalyticsBucket.init)
        }
    }

    /// Runs counted by outcome, with duration percentiles (null without finished runs).
    public struct AnalyticsBucket: Codable, Sendable, Equatable {
        public var runs: Int
        public var successes: Int
        public var failures: Int
        public var timeouts: Int
        @ExplicitNull public var p50DurationMs: Int64?
        @ExplicitNull public var p95DurationMs: Int64?

        public init(_ b: RunAnalytics.Bucket) {
            runs = b.runs
            successes = b.successes
            failures = b.failures
            timeouts = b.timeouts
            p50DurationMs = b.p50DurationMs
            p95DurationMs = b.p95DurationMs
        }
    }
}
