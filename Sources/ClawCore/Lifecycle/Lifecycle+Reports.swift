extension Lifecycle {
    static func provisioningStarted(_ i: inout Instance) -> [LifecycleEffect] {
        guard i.status == .pending, i.desired == .running else { return [] }
        i.status = .provisioning
        return [.event(type: EventType.instanceProvisioning)]
    }

    static func provisioned(_ i: inout Instance) -> [LifecycleEffect] {
        guard i.status == .pending || i.status == .provisioning, i.desired == .running else { return [] }
        i.status = .running
        i.healthStatus = .unknown
        return [.event(type: EventType.instanceRunning)]
    }

    /// A final failure refunds everything the instance was charged: it never ran.
    static func provisioningFailed(_ i: inout Instance, final: Bool) -> [LifecycleEffect] {
        guard i.status == .pending || i.status == .provisioning else { return [] }
        i.provisionAttempts += 1
        guard final else {
            i.status = .provisioning
            return [.event(type: EventType.instanceProvisioningRetry)]
        }
        let refund = i.totalPaid
        i.status = .failed
        i.stopReason = nil
        i.desired = .absent
        i.healthStatus = .unknown
        i.totalPaid = .zero
        var effects: [LifecycleEffect] = []
        if refund > .zero { effects += [.refund(refund), .event(type: EventType.billingRefunded)] }
        return effects + [.event(type: EventType.instanceFailed), .disarmDeadline(.expiry), .wakeWorker]
    }

    /// Every death is an event; the worker restarts the container with `Backoff.delay(attempt:)`.
    static func containerDied(_ i: inout Instance) -> [LifecycleEffect] {
        guard i.status == .running, i.desired == .running else { return [] }
        i.healthStatus = .unhealthy
        return [.event(type: EventType.instanceUnhealthy), .wakeWorker]
    }

    /// A running instance over its disk limit stops like a user stop, with reason `quota`; one
    /// that is not running is left alone (so the event comes once per time it is exceeded).
    static func diskOverLimit(_ i: inout Instance) -> [LifecycleEffect] {
        guard i.status == .running, i.desired == .running else { return [] }
        i.status = .stopped
        i.stopReason = .quota
        i.desired = .stopped
        i.healthStatus = .unknown
        return [.event(type: EventType.instanceDiskOverLimit), .event(type: EventType.instanceStopped), .wakeWorker]
    }

    /// Only a change of health is recorded.
    static func healthProbe(_ i: inout Instance, ok: Bool) -> [LifecycleEffect] {
        let health: HealthStatus = ok ? .healthy : .unhealthy
        guard i.status == .running, i.healthStatus != health else { return [] }
        i.healthStatus = health
        return [.event(type: ok ? EventType.instanceHealthy : EventType.instanceUnhealthy)]
    }
}
