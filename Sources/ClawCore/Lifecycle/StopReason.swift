/// Why a `STOPPED` instance is not running.
public enum StopReason: String, Sendable, Codable, CaseIterable {
    /// The paid period ended; retention counts down to deletion.
    case expired
    /// Stopped on request; can be started again while paid.
    case user
    /// Stopped because its volume grew past its tier's disk limit; can be started again (it is
    /// stopped again if still over the limit at the next measurement).
    case quota
}
