/// The per-instance deadlines the timer service keeps.
public enum DeadlineKind: String, Sendable, Codable, CaseIterable {
    /// At `paidUntil`: fires `LifecycleCommand.expire`.
    case expiry
    /// At `deleteAfter`: fires `LifecycleCommand.retention`.
    case retention
}
