import Foundation

/// What a `coordination.k8s.io/v1` Lease says about leadership: who holds it, when they last
/// renewed it, and for how long a renewal counts.
public struct LeaseView: Sendable, Equatable {
    public var holder: String?
    public var renewTime: Date?
    public var durationSeconds: Int?

    public init(holder: String?, renewTime: Date?, durationSeconds: Int?) {
        self.holder = holder
        self.renewTime = renewTime
        self.durationSeconds = durationSeconds
    }
}

/// The next step of a contender, given the Lease as read (nil: there is none) and the time.
public enum LeaseDecision: Sendable, Equatable {
    /// No Lease: create it naming us (409 AlreadyExists: someone was faster; read again).
    case create
    /// Free or expired: replace it naming us, at the resourceVersion read (409: someone else won).
    case take
    /// Ours: replace it with a fresh renewTime (409: we lost it).
    case renew
    /// Another holder's, still valid: look again at `until` at the latest.
    case wait(holder: String, until: Date)
}

/// The rules of leader election over one Lease (the shape of client-go's leaderelection): a
/// holder renews every `renewEvery`; a Lease not renewed for its duration is anyone's to take.
public struct LeaseRules: Sendable, Equatable {
    public var identity: String
    public var durationSeconds: Int
    public var renewEvery: Duration

    public init(identity: String, durationSeconds: Int = 15, renewEvery: Duration = .seconds(5)) {
        self.identity = identity
        self.durationSeconds = durationSeconds
        self.renewEvery = renewEvery
    }

    public func decide(_ lease: LeaseView?, now: Date) -> LeaseDecision {
        guard let lease else { return .create }
        guard let holder = lease.holder, !holder.isEmpty else { return .take }
        if holder == identity { return .renew }
        let expires = expiry(lease)
        return expires <= now ? .take : .wait(holder: holder, until: expires)
    }

    /// When a Lease stops counting: its renewal plus its duration (our duration when it names none;
    /// a Lease never renewed counts as expired).
    public func expiry(_ lease: LeaseView) -> Date {
        guard let renewed = lease.renewTime else { return .distantPast }
        return renewed.addingTimeInterval(TimeInterval(lease.durationSeconds ?? durationSeconds))
    }

    /// Whether a holder whose last successful renewal was at `renewed` may still act as leader:
    /// not once another contender could have taken the Lease.
    public func stillLeader(renewed: Date, now: Date) -> Bool {
        now < renewed.addingTimeInterval(TimeInterval(durationSeconds))
    }
}
