/// The per-tier disk limits of instance volumes (`disk_limit_mb_<tier>` settings; 0: unlimited).
public struct DiskLimits: Sendable, Equatable {
    public var budgetMB: Int
    public var balancedMB: Int
    public var proMB: Int

    public init(budgetMB: Int = 0, balancedMB: Int = 0, proMB: Int = 0) {
        self.budgetMB = budgetMB
        self.balancedMB = balancedMB
        self.proMB = proMB
    }

    /// The limit of `tier` in bytes (nil: unlimited).
    public func limitBytes(_ tier: Tier) -> Int64? {
        let mb: Int
        switch tier {
        case .budget: mb = budgetMB
        case .balanced: mb = balancedMB
        case .pro: mb = proMB
        }
        return mb > 0 ? Int64(mb) * 1_048_576 : nil
    }

    /// Whether `bytes` on an instance of `tier` is past its limit (equal is still within).
    public func isOver(_ bytes: Int64, tier: Tier) -> Bool {
        guard let limit = limitBytes(tier) else { return false }
        return bytes > limit
    }
}
