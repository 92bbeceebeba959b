/// Everything that can happen to an instance after it is created.
public enum LifecycleCommand: Sendable, Equatable {
    // API requests: an illegal one is a `conflict` error.
    case start
    case stop
    case restart
    /// `image` replaces the instance's image when given (the currently configured one).
    case rebuild(image: String? = nil)
    /// The stored config after a PATCH, merged by the caller (`imConfig` content is not core data).
    case patch(defaultModel: String?, hasIMConfig: Bool)
    /// `tier` switches the instance to that tier (and charges its price) when given.
    case renew(tier: Tier? = nil)
    case delete

    // Timers and worker reports: one that no longer applies is a no-op, never an error.
    /// The timer at `paidUntil`.
    case expire
    /// The timer at `deleteAfter`.
    case retention
    /// The worker begins creating volume and container.
    case provisioningStarted
    /// The worker observed the container of the current generation running.
    case provisioned
    /// An attempt failed; `final` after the last allowed attempt (see `Backoff`).
    case provisioningFailed(final: Bool)
    /// The runtime reported the container exited though it should run.
    case containerDied
    case healthProbe(ok: Bool)
    /// The disk-usage sampler measured the volume over the tier's limit.
    case diskOverLimit

    /// Whether the command comes from an API request (errors) rather than a timer or the worker (no-ops).
    public var isRequest: Bool {
        switch self {
        case .start, .stop, .restart, .rebuild, .patch, .renew, .delete: return true
        default: return false
        }
    }

    /// The verb used in error messages: "cannot <verb> an instance in status X".
    public var verb: String {
        switch self {
        case .start: return "start"
        case .stop: return "stop"
        case .restart: return "restart"
        case .rebuild: return "rebuild"
        case .patch: return "update"
        case .renew: return "renew"
        case .delete: return "delete"
        case .expire: return "expire"
        case .retention: return "purge"
        case .provisioningStarted, .provisioned, .provisioningFailed: return "provision"
        case .containerDied: return "supervise"
        case .healthProbe: return "probe"
        case .diskOverLimit: return "limit"
        }
    }

    /// The kind of the operation a request starts (nil for timers and worker reports, which
    /// record their own: `expire`, `purge`).
    public var operationKind: OperationKind? {
        switch self {
        case .start: .start
        case .stop: .stop
        case .restart: .restart
        case .rebuild: .rebuild
        case .patch: .patch
        case .renew: .renew
        case .delete: .delete
        case .expire, .retention, .provisioningStarted, .provisioned, .provisioningFailed, .containerDied, .healthProbe, .diskOverLimit: nil
        }
    }
}
