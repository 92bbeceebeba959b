extension Lifecycle {
    /// Rebuilds still allowed on the UTC day of `now`.
    public static func rebuildsLeftToday(_ instance: Instance, now: Timestamp,
                                         policy: LifecyclePolicy = .default) -> Int {
        let used = instance.rebuildDay == UTCDay.string(now) ? instance.rebuildsOnDay : 0
        return max(0, policy.rebuildsPerDay - used)
    }

    /// The status allows a rebuild and today's quota is not used up.
    public static func canRebuild(_ instance: Instance, now: Timestamp,
                                  policy: LifecyclePolicy = .default) -> Bool {
        (instance.status == .running || instance.status == .stopped)
            && rebuildsLeftToday(instance, now: now, policy: policy) > 0
    }

    /// Whole seconds (rounded up, at least 1) until the next 00:00 UTC: the `Retry-After` of a 429.
    public static func retryAfterSeconds(now: Timestamp) -> Int {
        let millis = UTCDay.nextMidnight(after: now).millis - now.millis
        return Int((millis + 999) / 1000)
    }
}
