import Foundation

/// When a container-API schedule fires (docs/spec/api-container.md "Schedules"): a 5-field `cron` in the
/// configured time zone, an `interval` in milliseconds anchored to the previous slot, or `once`
/// at an ISO time.
public enum RunSchedule: Sendable, Equatable {
    case cron(CronSchedule)
    case interval(milliseconds: Int64)
    case once(Timestamp)

    public static let types = ["cron", "interval", "once"]
    /// The shortest interval accepted: 1 s (the timer is not a busy loop).
    public static let minimumIntervalMillis: Int64 = 1000

    /// Parses the API's `{"type", "value"}`; a bad one is `invalidArgument` naming the problem.
    public init(type: String, value: String, param: String = "schedule") throws(ClawError) {
        switch type {
        case "cron":
            self = .cron(try CronSchedule(value, param: param + ".value"))
        case "interval":
            guard let ms = Int64(value.trimmingCharacters(in: .whitespaces)) else {
                throw ClawError(.invalidArgument, "interval must be a whole number of milliseconds, not '\(value)'",
                                param: param + ".value")
            }
            guard ms >= Self.minimumIntervalMillis, ms <= 366 * 86_400_000 else {
                throw ClawError(.invalidArgument, "interval must be between \(Self.minimumIntervalMillis) ms and one year",
                                param: param + ".value")
            }
            self = .interval(milliseconds: ms)
        case "once":
            guard let at = Timestamp(iso8601: value) else {
                throw ClawError(.invalidArgument, "once needs an ISO-8601 time with a zone, e.g. 2026-03-10T09:00:00Z",
                                param: param + ".value")
            }
            self = .once(at)
        default:
            throw ClawError(.invalidArgument, "schedule type must be cron, interval or once, not '\(type)'",
                            param: param + ".type")
        }
    }

    public var type: String {
        switch self {
        case .cron: "cron"
        case .interval: "interval"
        case .once: "once"
        }
    }

    /// The value as stored and answered.
    public var value: String {
        switch self {
        case .cron(let c): c.expression
        case .interval(let ms): String(ms)
        case .once(let at): at.iso8601
        }
    }

    /// The first run of a new (or re-enabled) schedule.
    public func first(now: Timestamp, timeZone: TimeZone) -> Timestamp? {
        switch self {
        case .cron(let c): c.next(after: now, in: timeZone)
        case .interval(let ms): Timestamp(millis: now.millis + ms)
        case .once(let at): at
        }
    }

    /// The run after the slot `due` fired at `now` (nil: none, the schedule is completed).
    /// An interval stays on its grid (`due + k·interval`) and skips every slot already past, so
    /// a daemon that was down does not replay missed slots in a burst.
    public func next(afterSlot due: Timestamp, now: Timestamp, timeZone: TimeZone) -> Timestamp? {
        switch self {
        case .cron(let c):
            return c.next(after: max(due, now), in: timeZone)
        case .interval(let ms):
            let behind = max(0, now.millis - due.millis)
            return Timestamp(millis: due.millis + (behind / ms + 1) * ms)
        case .once:
            return nil
        }
    }
}
