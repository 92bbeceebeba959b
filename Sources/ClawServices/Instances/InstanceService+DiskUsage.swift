import ClawCore
import ClawStore

extension InstanceService {
    /// Records a measurement of the instance's volume; past its tier's limit, a running
    /// instance is stopped with reason `quota` in the same transaction (desired state, stop
    /// reason and the `instance.disk_over_limit` event commit together, then the worker stops
    /// the container). Answers the instance as stored (nil: it is gone).
    @discardableResult
    public func recordDiskUsage(instanceID: String, bytes: Int64, limits: DiskLimits,
                                now: Timestamp = .now()) async throws(ClawError) -> Instance? {
        let policy = config.policy
        let (instance, change) = try await store.write { db -> (Instance?, CommittedChange?) in
            guard try Store.instance(db, id: instanceID, orgID: nil) != nil else { return (nil, nil) }
            try Store.recordDiskUsage(db, instanceID: instanceID, bytes: bytes, at: now)
            guard let measured = try Store.instance(db, id: instanceID, orgID: nil) else { return (nil, nil) }
            guard limits.isOver(bytes, tier: measured.tier) else { return (measured, nil) }
            let outcome: LifecycleOutcome
            do { outcome = try Lifecycle.apply(measured, .diskOverLimit, now: now, policy: policy) } catch { return (measured, nil) }
            guard !outcome.isNoOp else { return (measured, nil) }
            try Store.updateInstance(db, outcome.instance)
            let change = try Self.applyEffects(db, outcome, now: now, pricing: policy.pricing)
            return (outcome.instance, change)
        }
        if let change { publish(change) }
        return instance
    }
}
