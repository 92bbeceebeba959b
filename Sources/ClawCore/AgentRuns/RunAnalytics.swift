/// `GET /container/analytics?days=`: per UTC day, run counts by outcome and duration
/// percentiles (nearest rank), overall and by group.
public enum RunAnalytics {
    public struct Sample: Sendable, Equatable {
        public var at: Timestamp
        public var group: String
        public var status: RunStatus
        public var durationMs: Int64
        public init(at: Timestamp, group: String, status: RunStatus, durationMs: Int64) {
            (self.at, self.group, self.status, self.durationMs) = (at, group, status, durationMs)
        }
    }

    public struct Bucket: Sendable, Equatable {
        public var runs = 0, successes = 0, failures = 0, timeouts = 0
        public var p50DurationMs: Int64?
        public var p95DurationMs: Int64?
    }

    public struct Day: Sendable, Equatable {
        public var date: String
        public var total: Bucket
        public var byGroup: [String: Bucket]
    }

    /// The `days` UTC days ending with the day of `now`, oldest first (days without runs included).
    public static func days(_ samples: [Sample], days: Int, now: Timestamp) -> [Day] {
        let today = now.millis / 86_400_000
        let first = today - Int64(days) + 1
        var grouped: [Int64: [Sample]] = [:]
        for s in samples {
            let d = s.at.millis / 86_400_000
            if d >= first && d <= today { grouped[d, default: []].append(s) }
        }
        return (first...today).map { d in
            let list = grouped[d] ?? []
            let groups = Dictionary(grouping: list, by: \.group).mapValues(bucket)
            return Day(date: String(Timestamp(millis: d * 86_400_000).iso8601.prefix(10)), total: bucket(list), byGroup: groups)
        }
    }

    static func bucket(_ list: [Sample]) -> Bucket {
        var b = Bucket()
        b.runs = list.count
        b.successes = list.filter { $0.status == .succeeded }.count
        b.failures = list.filter { $0.status == .failed }.count
        b.timeouts = list.filter { $0.status == .timeout }.count
        let sorted = list.map(\.durationMs).sorted()
        b.p50DurationMs = percentile(sorted, 50)
        b.p95DurationMs = percentile(sorted, 95)
        return b
    }

    /// Nearest rank on sorted values; nil when empty.
    public static func percentile(_ sorted: [Int64], _ p: Int) -> Int64? {
        guard !sorted.isEmpty else { return nil }
        let rank = (p * sorted.count + 99) / 100
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }
}
