import ClawCore

/// A change that committed, and what it asks of the daemon afterwards (wake the worker, arm or
/// disarm deadlines, publish events).
public struct CommittedChange: Sendable {
    public var instance: Instance
    public var effects: [LifecycleEffect]
    public var eventIDs: [Int64]
}

/// Hears of every committed instance change, in commit order (given to `InstanceService` at
/// construction). Called on the committing task right after the commit: must not block.
public protocol CommitSubscriber: Sendable {
    func committed(_ change: CommittedChange)
}
