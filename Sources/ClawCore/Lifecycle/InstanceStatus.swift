/// Where an instance is in its lifecycle, as clients see it (docs/spec/lifecycle.md "States").
public enum InstanceStatus: String, Sendable, Codable, CaseIterable {
    case pending = "PENDING"
    case provisioning = "PROVISIONING"
    case running = "RUNNING"
    case stopped = "STOPPED"
    case failed = "FAILED"
    case deleted = "DELETED"

    /// `FAILED` and `DELETED`: no transition leaves them.
    public var isTerminal: Bool { self == .failed || self == .deleted }
}
