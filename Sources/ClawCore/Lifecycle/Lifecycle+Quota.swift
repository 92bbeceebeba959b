extension Lifecycle {
    /// Rebuilds still allowed on the UTC day of `now`.
    public static func rebuildsLeftToday(_ instance: Instance, now: Timestamp,
                                         policy: LifecyclePolicy = .default) -> Int {
        rebuildsLeftToday(instance, today: UTCDay.string(now), policy: policy)
    }

    /// The same with today's `YYYY-MM-DD` already formatted (a list formats it once, not per row).
    public static func rebuildsLeftToday(_ instance: Instance, today: String, policy: LifecyclePolicy) -> Int {
        let used = instance.rebuildDay == today ? instance.rebuildsOnDay : 0
        return max(0, policy.rebuildsPerDay - used)
    }

    /// The status allows a rebuild and today's quota is not used up.
    public static func canRebuild(_ instance: Instance, now: Timestamp,
                                  policy: LifecyclePolicy = .default) -> Bool {
        canRebuild(instance, rebuildsLeft: rebuildsLeftToday(instance, now: now, policy: policy))
    }

    public static func canRebuild(_ instance: Instance, rebuildsLeft: Int) -> Bool {
        (instance.status == .running || instance.status == .stopped) && rebuildsLeft > 0
    }

    /// Whole seconds (rounded up, at least 1) until the next 00:00 UTC: the `Retry-After` of a 429.
    public static func retryAfterSeconds(now: Timestamp) -> Int {
        let millis = UTCDay.nextMidnight(after: now).millis - now.millis
        return Int((millis + 999) / 1000)
    }
}
