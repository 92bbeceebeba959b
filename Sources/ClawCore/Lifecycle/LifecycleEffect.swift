/// Something the caller must do, in the same transaction as the state change unless noted.
public enum LifecycleEffect: Sendable, Equatable {
    /// Write a ledger charge for this instance (the store answers 402 when the balance is short).
    case charge(Cents)
    /// Write a ledger refund for this instance (on `FAILED`: everything it was charged).
    case refund(Cents)
    /// Append an event of this type (see `EventType`).
    case event(type: String)
    /// After commit: wake the instance's worker so the runtime converges.
    case wakeWorker
    /// After commit: (re)arm the deadline at this time.
    case armDeadline(DeadlineKind, at: Timestamp)
    /// After commit: drop the deadline (firing it anyway would be a no-op).
    case disarmDeadline(DeadlineKind)
}
