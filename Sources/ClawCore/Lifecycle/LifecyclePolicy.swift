/// The configurable numbers of docs/spec/lifecycle.md that the transition function needs.
public struct LifecyclePolicy: Sendable, Equatable, Codable {
    /// One paid period (default 30 days).
    public var periodSeconds: Int64
    /// Data kept after expiry, counted from `paidUntil` (default 7 days).
    public var retentionSeconds: Int64
    /// Rebuilds allowed per instance per UTC calendar day (default 10).
    public var rebuildsPerDay: Int
    public var pricing: Pricing

    public init(periodSeconds: Int64 = 30 * 86_400, retentionSeconds: Int64 = 7 * 86_400,
                rebuildsPerDay: Int = 10, pricing: Pricing = .default) {
        self.periodSeconds = periodSeconds
        self.retentionSeconds = retentionSeconds
        self.rebuildsPerDay = rebuildsPerDay
        self.pricing = pricing
    }

    /// The defaults of docs/spec/lifecycle.md "Numbers".
    public static let `default` = LifecyclePolicy()
}
