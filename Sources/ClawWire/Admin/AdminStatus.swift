/// What `/admin/status` reports; filled in by the daemon.
public struct AdminStatus: Codable, Sendable, Equatable {
    public var version: String
    public var uptimeSeconds: Int64
    /// `backend`, `ok` (`true`/`false`), `detail`, `image`, `imagePresent`, `isolation`
    /// (`on`/`off`/`error`) and `isolationDetail`.
    public var runtime: [String: String]
    /// `path`, `sizeBytes`.
    public var database: [String: String]
    public var instancesByStatus: [String: Int]
    public var timersArmed: Int
    /// The earliest armed deadline: `{"at", "kind", "instanceId"}`, `null` when none is armed.
    @ExplicitNull public var nextDeadline: [String: String]?

    public init(version: String, uptimeSeconds: Int64, runtime: [String: String], database: [String: String],
                instancesByStatus: [String: Int], timersArmed: Int, nextDeadline: [String: String]? = nil) {
        self.version = version
        self.uptimeSeconds = uptimeSeconds
        self.runtime = runtime
        self.database = database
        self.instancesByStatus = instancesByStatus
        self.timersArmed = timersArmed
        self.nextDeadline = nextDeadline
    }
}

/// `POST /admin/reconcile`: how many of each change the full reconcile made.
public struct ReconcileDTO: Codable, Sendable, Equatable {
    public var changed: [String: Int]
    public init(changed: [String: Int]) { self.changed = changed }
}
