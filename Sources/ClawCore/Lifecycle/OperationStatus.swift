/// Progress of one operation.
public enum OperationStatus: String, Sendable, Codable, CaseIterable {
    case pending, running, succeeded, failed

    /// `succeeded` or `failed`.
    public var isFinished: Bool { self == .succeeded || self == .failed }
}
