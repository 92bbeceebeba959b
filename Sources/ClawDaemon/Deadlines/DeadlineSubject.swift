import ClawCore

/// What a deadline is about. The daemon keeps at most one armed deadline per subject, all in one
/// queue (`Deadlines`), and `DeadlineService` hands each due one to the code that owns it.
public enum DeadlineSubject: Hashable, Sendable {
    /// The instance's `paidUntil`: fires `LifecycleCommand.expire`.
    case expiry(instanceID: String)
    /// The instance's `deleteAfter`: fires `LifecycleCommand.retention`.
    case retention(instanceID: String)
    /// The instance enters the 7-day horizon of `billing.low_balance`: its org is checked again.
    case lowBalance(orgID: String, instanceID: String)
    /// The next run of the instance's `backup` add-on.
    case backupSchedule(instanceID: String)
    /// The backup's `expiresAt`: its archive and row are deleted.
    case backupExpiry(backupID: Int64)
    /// The next run of a container-API schedule.
    case containerSchedule(scheduleID: String)

    /// An instance lifecycle deadline of `kind`.
    static func lifecycle(_ kind: DeadlineKind, instanceID: String) -> Self {
        switch kind {
        case .expiry: .expiry(instanceID: instanceID)
        case .retention: .retention(instanceID: instanceID)
        }
    }

    /// The instance lifecycle kind and instance, for expiry and retention only (`/admin/status`).
    var lifecycle: (kind: DeadlineKind, instanceID: String)? {
        switch self {
        case .expiry(let id): (.expiry, id)
        case .retention(let id): (.retention, id)
        case .lowBalance, .backupSchedule, .backupExpiry, .containerSchedule: nil
        }
    }

    /// The name in logs and in the `kind` dimension of `clawd_deadline_lag_seconds`.
    var kind: String {
        switch self {
        case .expiry: "expiry"
        case .retention: "retention"
        case .lowBalance: "low_balance"
        case .backupSchedule: "backup_schedule"
        case .backupExpiry: "backup_expiry"
        case .containerSchedule: "container_schedule"
        }
    }

    /// Kind first (in declaration order), then the id: the order of deadlines due at one instant.
    private var order: (Int, Int64, String) {
        switch self {
        case .expiry(let id): (0, 0, id)
        case .retention(let id): (1, 0, id)
        case .lowBalance(let org, let id): (2, 0, org + "/" + id)
        case .backupSchedule(let id): (3, 0, id)
        case .backupExpiry(let id): (4, id, "")
        case .containerSchedule(let id): (5, 0, id)
        }
    }
}

extension DeadlineSubject: Comparable {
    public static func < (a: Self, b: Self) -> Bool { a.order < b.order }
}
