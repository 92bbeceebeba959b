/// The price of one paid period per tier; every number is a config setting.
public struct Pricing: Sendable, Equatable, Codable {
    public var budget: Cents
    public var balanced: Cents
    public var pro: Cents

    public init(budget: Cents = Cents(1000), balanced: Cents = Cents(2000), pro: Cents = Cents(3500)) {
        self.budget = budget
        self.balanced = balanced
        self.pro = pro
    }

    /// 1000 / 2000 / 3500 cents.
    public static let `default` = Pricing()

    /// The price of one period of `tier`.
    public func price(for tier: Tier) -> Cents {
        switch tier {
        case .budget: return budget
        case .balanced: return balanced
        case .pro: return pro
        }
    }
}
