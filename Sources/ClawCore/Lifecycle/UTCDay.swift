/// Calendar-day arithmetic in UTC on integer milliseconds, without the C library or a locale.
public enum UTCDay {
    static let millisPerDay: Int64 = 86_400_000

    /// The day number since 1970-01-01 (negative before), flooring.
    public static func dayNumber(_ t: Timestamp) -> Int64 {
        let (q, r) = t.millis.quotientAndRemainder(dividingBy: millisPerDay)
        return r < 0 ? q - 1 : q
    }

    /// The next 00:00:00.000 UTC strictly after `t`.
    public static func nextMidnight(after t: Timestamp) -> Timestamp {
        Timestamp(millis: (dayNumber(t) + 1) * millisPerDay)
    }

    /// Howard Hinnant's `civil_from_days`: proleptic Gregorian (year, month, day).
    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
