/// Why a `STOPPED` instance is not running.
public enum StopReason: String, Sendable, Codable, CaseIterable {
    /// The paid period ended; retention counts down to deletion.
    case expired
    /// Stopped on request; can be started again while paid.
    case user
}
