import ClawCore

/// Times, policy and one instance per lifecycle state, shared by the core tests.
enum Fixture {
    static let policy = LifecyclePolicy.default
    static let day: Int64 = 86_400
    /// 2026-03-01T12:00:00.000Z: the `now` of most tests.
    static let now = at("2026-03-01T12:00:00.000Z")
    /// 2026-03-10T00:00:00.000Z: `paidUntil` of every live fixture.
    static let paidUntil = at("2026-03-10T00:00:00.000Z")

    static func at(_ iso: String) -> Timestamp {
        guard let t = Timestamp(iso8601: iso) else { fatalError("bad fixture time \(iso)") }
        return t
    }

    /// The eight distinguishable states: status plus stop reason.
    enum State: String, CaseIterable, CustomStringConvertible {
        case pending = "PENDING", provisioning = "PROVISIONING", running = "RUNNING"
        case stoppedUser = "STOPPED(user)", stoppedExpired = "STOPPED(expired)", stoppedQuota = "STOPPED(quota)"
        case failed = "FAILED", deleted = "DELETED"
        var description: String { rawValue }

        var status: InstanceStatus {
            switch self {
            case .pending: return .pending
            case .provisioning: return .provisioning
            case .running: return .running
            case .stoppedUser, .stoppedExpired, .stoppedQuota: return .stopped
            case .failed: return .failed
            case .deleted: return .deleted
            }
        }
        var stopReason: StopReason? {
            switch self {
            case .stoppedUser: return .user
            case .stoppedExpired: return .expired
            case .stoppedQuota: return .quota
            default: return nil
            }
        }
        var desired: Desired {
            switch self {
            case .pending, .provisioning, .running: return .running
            case .stoppedUser, .stoppedExpired, .stoppedQuota: return .stopped
            case .failed, .deleted: return .absent
            }
        }
    }

    /// A consistent instance in `state`: paid until 2026-03-10 (an expired one until 2026-02-28,
    /// with retention until 2026-03-07), created on 2026-01-29, generation 3.
    static func instance(_ state: State) -> Instance {
        let expired = state == .stoppedExpired
        let paid = expired ? at("2026-02-28T00:00:00.000Z") : paidUntil
        return Instance(
            id: "c0123456789abcdefghijklmn", orgID: "o1", subdomain: "my-bot", defaultModel: "claude-opus-4-6",
            hasIMConfig: false, tier: .balanced, status: state.status, stopReason: state.stopReason,
            healthStatus: state == .running ? .healthy : .unknown, desired: state.desired, generation: 3,
            image: "localhost/clawd-demo:latest", hostPort: state == .pending ? nil : 20001,
            paidUntil: paid, deleteAfter: expired ? paid.adding(seconds: 7 * day) : nil,
            createdAt: at("2026-01-29T00:00:00.000Z"), updatedAt: at("2026-01-29T00:00:00.000Z"),
            provisionAttempts: 0, rebuildDay: "2026-02-27", rebuildsOnDay: 4,
            totalPaid: state == .failed ? .zero : Cents(expired ? 2000 : 4000))
    }

    /// Every command, with representative arguments.
    static let commands: [LifecycleCommand] = [
        .start, .stop, .restart, .rebuild(), .patch(defaultModel: "gpt-5.2", hasIMConfig: true), .renew(), .delete,
        .expire, .retention, .provisioningStarted, .provisioned, .provisioningFailed(final: false),
        .provisioningFailed(final: true), .containerDied, .healthProbe(ok: true), .healthProbe(ok: false),
        .diskOverLimit,
    ]

    /// When a command is applied in the tables: timers at their deadline, the rest at `now`.
    static func time(of command: LifecycleCommand, for instance: Instance) -> Timestamp {
        switch command {
        case .expire: return instance.paidUntil
        case .retention: return instance.deleteAfter ?? instance.paidUntil
        default: return now
        }
    }

    /// A compact name of an effect for table expectations: `charge`, `event:instance.stopped`, `arm:expiry`.
    static func name(_ effect: LifecycleEffect) -> String {
        switch effect {
        case .charge: return "charge"
        case .refund: return "refund"
        case .event(let type): return "event:\(type)"
        case .wakeWorker: return "wake"
        case .armDeadline(let kind, _): return "arm:\(kind.rawValue)"
        case .disarmDeadline(let kind): return "disarm:\(kind.rawValue)"
        }
    }
}

extension LifecycleCommand: CustomStringConvertible {
    public var description: String {
        switch self {
        case .rebuild: return "rebuild"
        case .patch: return "patch"
        case .provisioningFailed(let final): return final ? "provisioningFailed(final)" : "provisioningFailed"
        case .healthProbe(let ok): return ok ? "healthProbe(ok)" : "healthProbe(fail)"
        default: return "\(verbName)"
        }
    }
    private var verbName: String {
        switch self {
        case .start: return "start"
        case .stop: return "stop"
        case .restart: return "restart"
        case .renew: return "renew"
        case .delete: return "delete"
        case .expire: return "expire"
        case .retention: return "retention"
        case .provisioningStarted: return "provisioningStarted"
        case .provisioned: return "provisioned"
        case .containerDied: return "containerDied"
        case .diskOverLimit: return "diskOverLimit"
        default: return "?"
        }
    }
}
