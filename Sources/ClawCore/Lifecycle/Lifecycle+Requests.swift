extension Lifecycle {
    static func start(_ i: inout Instance, now: Timestamp) throws(ClawError) -> [LifecycleEffect] {
        guard i.status == .stopped else { throw conflict(.start, i.status) }
        guard i.stopReason != .expired, i.paidUntil > now else {
            throw ClawError(.insufficientBalance,
                            "the paid period ended at \(i.paidUntil.iso8601); renew the instance to start it")
        }
        i.status = .running
        i.stopReason = nil
        i.desired = .running
        i.healthStatus = .unknown
        return [.event(type: EventType.instanceStarted), .wakeWorker]
    }

    static func stop(_ i: inout Instance) throws(ClawError) -> [LifecycleEffect] {
        guard i.status == .running else { throw conflict(.stop, i.status) }
        i.status = .stopped
        i.stopReason = .user
        i.desired = .stopped
        i.healthStatus = .unknown
        return [.event(type: EventType.instanceStopped), .wakeWorker]
    }

    /// A restart recreates the container on the same volume and image (a new generation), so a
    /// crash half-way converges through the same planner as everything else.
    static func restart(_ i: inout Instance) throws(ClawError) -> [LifecycleEffect] {
        guard i.status == .running else { throw conflict(.restart, i.status) }
        i.generation += 1
        i.healthStatus = .unknown
        return [.event(type: EventType.instanceRestarted), .wakeWorker]
    }

    static func rebuild(_ i: inout Instance, image: String?, now: Timestamp,
                        policy: LifecyclePolicy) throws(ClawError) -> [LifecycleEffect] {
        guard i.status == .running || i.status == .stopped else { throw conflict(.rebuild(), i.status) }
        guard rebuildsLeftToday(i, now: now, policy: policy) > 0 else {
            let wait = retryAfterSeconds(now: now)
            throw ClawError(.rateLimited, "rebuild quota of \(policy.rebuildsPerDay) per day is used up; "
                            + "try again in \(wait) seconds (00:00 UTC)", retryAfterSeconds: wait)
        }
        if let image {
            guard Validation.isImageReference(image) else {
                throw ClawError(.invalidArgument, "not a valid image reference", param: "image")
            }
            i.image = image
        }
        let today = UTCDay.string(now)
        if i.rebuildDay != today {
            i.rebuildDay = today
            i.rebuildsOnDay = 0
        }
        i.rebuildsOnDay += 1
        i.generation += 1
        if i.status == .running { i.healthStatus = .unknown }
        return [.event(type: EventType.instanceRebuilt), .wakeWorker]
    }

    /// Every config change makes a new generation: a `RUNNING` container is recreated at once, a
    /// stopped one is replaced without starting, so the next start runs the new config.
    static func patch(_ i: inout Instance, defaultModel: String?,
                      hasIMConfig: Bool) throws(ClawError) -> [LifecycleEffect] {
        guard !i.status.isTerminal else { throw conflict(.patch(defaultModel: nil, hasIMConfig: false), i.status) }
        try InstanceValidation.checkDefaultModel(defaultModel)
        i.defaultModel = defaultModel
        i.hasIMConfig = hasIMConfig
        i.generation += 1
        if i.status == .running { i.healthStatus = .unknown }
        return [.event(type: EventType.instanceUpdated), .wakeWorker]
    }

    static func delete(_ i: inout Instance) throws(ClawError) -> [LifecycleEffect] {
        guard !i.status.isTerminal else { throw conflict(.delete, i.status) }
        var effects: [LifecycleEffect] = [.event(type: EventType.instanceDeleted), .disarmDeadline(.expiry)]
        if i.deleteAfter != nil { effects.append(.disarmDeadline(.retention)) }
        markDeleted(&i)
        return effects + [.wakeWorker]
    }

    static func markDeleted(_ i: inout Instance) {
        i.status = .deleted
        i.stopReason = nil
        i.desired = .absent
        i.healthStatus = .unknown
        i.deleteAfter = nil
    }
}
