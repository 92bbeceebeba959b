/// The `billing.low_balance` rule: an org is warned when its balance cannot pay the
/// next renewal of its live instances whose `paidUntil` falls within the horizon (7 days), once,
/// until its balance rises again.
public enum LowBalance {
    /// How far ahead renewals count: 7 days.
    public static let horizonSeconds: Int64 = 7 * 86_400

    /// The price of the next renewal of every non-terminal instance due by `now + horizon`
    /// (an expired instance in retention is due: renewing is what saves its data).
    public static func due(_ instances: [Instance], now: Timestamp, pricing: Pricing,
                           horizonSeconds: Int64 = horizonSeconds) -> Cents {
        let limit = now.adding(seconds: horizonSeconds)
        return instances.reduce(Cents.zero) { sum, i in
            i.status.isTerminal || i.paidUntil > limit ? sum : sum + pricing.price(for: i.tier)
        }
    }

    /// When `instance` enters the horizon and the org must be checked again; nil once terminal.
    public static func checkAt(_ instance: Instance, horizonSeconds: Int64 = horizonSeconds) -> Timestamp? {
        instance.status.isTerminal ? nil : instance.paidUntil.adding(seconds: -horizonSeconds)
    }

    /// Decides from the balance, what is due, and the org's `marker` (nil: not warned; else the
    /// lowest balance seen since the warning). A balance above the marker has risen: the org may
    /// be warned again.
    public static func decide(balance: Cents, due: Cents, marker: Cents?) -> LowBalanceDecision {
        let marker = marker.flatMap { balance > $0 ? nil : $0 }
        let low = due > .zero && balance < due
        if low, marker == nil { return LowBalanceDecision(emit: true, marker: balance) }
        return LowBalanceDecision(emit: false, marker: marker.map { min($0, balance) })
    }
}

/// What `LowBalance.decide` asks: whether to write the event, and the marker to store.
public struct LowBalanceDecision: Sendable, Equatable {
    public var emit: Bool
    public var marker: Cents?

    public init(emit: Bool, marker: Cents?) {
        self.emit = emit
        self.marker = marker
    }
}
