/// A size of instance (ClawHosters names), applied as container limits.
public enum Tier: String, Sendable, Codable, CaseIterable {
    case budget, balanced, pro

    /// The tier used when a request names none.
    public static let `default`: Tier = .balanced

    /// Container memory limit.
    public var memoryBytes: Int64 {
        let gib: Int64 = 1 << 30
        switch self {
        case .budget: return gib
        case .balanced: return 2 * gib
        case .pro: return 4 * gib
        }
    }

    /// Container CPU limit.
    public var cpus: Double {
        switch self {
        case .budget, .balanced: return 1
        case .pro: return 2
        }
    }
}
