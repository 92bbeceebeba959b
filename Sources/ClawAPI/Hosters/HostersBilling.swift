import ClawCore

/// The ClawHosters billing view of clawd's prepaid periods (1 Claw = 1 credit = 1 cent).
enum HostersBilling {
    /// clawd bills one prepaid period (30 days by default) at a time: the dialect calls that `monthly`.
    static let billingMode = "monthly"
    /// Under this many days of balance, `low_balance` is true.
    static let lowBalanceDays: Int64 = 7

    /// A period's price per day, rounded up: `ceil(price × 86400 / period)`.
    static func dailyCost(_ price: Cents, periodSeconds: Int64) -> Int64 {
        guard price.value > 0, periodSeconds > 0 else { return 0 }
        let (scaled, overflow) = price.value.multipliedReportingOverflow(by: 86_400)
        if overflow { return price.value / periodSeconds * 86_400 }
        return (scaled + periodSeconds - 1) / periodSeconds
    }

    /// Whether the instance is paid for and will be billed again: not terminal, not expired.
    static func isBilled(_ instance: Instance) -> Bool {
        switch instance.status {
        case .pending, .provisioning, .running: return true
        case .stopped: return instance.stopReason != .expired
        case .failed, .deleted: return false
        }
    }

    /// Whole days the balance covers at `dailyCost`; nil when nothing costs anything.
    static func daysRemaining(balance: Cents, dailyCost: Int64) -> Int64? {
        guard dailyCost > 0 else { return nil }
        return max(balance.value, 0) / dailyCost
    }
}
