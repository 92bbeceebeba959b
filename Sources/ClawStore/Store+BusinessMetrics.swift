import ClawCore
import GRDB

/// What the business looks like right now, for `/metrics`: counts grouped by their labels,
/// read in one snapshot with one grouped query per family.
public struct BusinessMetrics: Sendable, Equatable {
    /// One sample: label values in the family's label order, and the value.
    public struct Sample: Sendable, Equatable {
        public var labels: [String]
        public var value: Int64

        public init(labels: [String], value: Int64) {
            self.labels = labels
            self.value = value
        }
    }

    /// Instances by status.
    public var instances: [Sample] = []
    /// Agent runs by status.
    public var runs: [Sample] = []
    /// Sum of every org's balance, in cents.
    public var balanceCents: Int64 = 0
    /// Channel connections by platform and status.
    public var channelConnections: [Sample] = []
    /// Finished operations by kind and outcome (rows are kept, so the counts only grow).
    public var operationsFinished: [Sample] = []
    /// Operations still pending or running, by kind.
    public var operationsOpen: [Sample] = []
    /// Channel messages by platform and direction (`in`, `out`).
    public var channelMessages: [Sample] = []

    public init() {}
}

extension Store {
    public func businessMetrics() async throws(ClawError) -> BusinessMetrics {
        try await read { db in
            func grouped(_ sql: String) throws -> [BusinessMetrics.Sample] {
                try Row.fetchAll(db, sql: sql).map { row in
                    let count = row.count - 1
                    return .init(labels: (0..<count).map { (row[$0] as String?) ?? "" }, value: row[count])
                }
            }
            var m = BusinessMetrics()
            m.instances = try grouped("SELECT status, COUNT(*) FROM instances GROUP BY status ORDER BY status")
            m.runs = try grouped("SELECT status, COUNT(*) FROM container_runs GROUP BY status ORDER BY status")
            m.balanceCents = try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(balance_cents), 0) FROM orgs") ?? 0
            m.channelConnections = try grouped(
                "SELECT platform, status, COUNT(*) FROM channels GROUP BY platform, status ORDER BY platform, status")
            m.operationsFinished = try grouped("""
                SELECT kind, status, COUNT(*) FROM operations WHERE status IN ('succeeded', 'failed')
                GROUP BY kind, status ORDER BY kind, status
                """)
            m.operationsOpen = try grouped("""
                SELECT kind, COUNT(*) FROM operations WHERE status IN ('pending', 'running') GROUP BY kind ORDER BY kind
                """)
            m.channelMessages = try grouped("""
                SELECT COALESCE(c.platform, 'unknown'), m.direction, COUNT(*) FROM channel_messages m
                LEFT JOIN channel_chats c ON c.org_id = m.org_id AND c.jid = m.chat_jid
                GROUP BY 1, 2 ORDER BY 1, 2
                """)
            return m
        }
    }
}
