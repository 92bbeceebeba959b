import Foundation

/// A five-field cron expression (`minute hour day-of-month month day-of-week`, UTC), as the
/// `backup` add-on's `schedule`: `*`, `a`, `a-b`, `*/n`, `a-b/n` and lists; month and weekday
/// names (`jan`, `mon`); `@hourly`, `@daily`/`@midnight`, `@weekly`, `@monthly`, `@yearly`/`@annually`.
/// As in Vixie cron, when both day fields are restricted a day matching either one runs.
public struct CronSchedule: Sendable, Equatable {
    public let expression: String
    let minutes: Set<Int>
    let hours: Set<Int>
    let days: Set<Int>
    let months: Set<Int>
    /// 0 = Sunday ... 6 = Saturday (7 is folded into 0).
    let weekdays: Set<Int>
    let daysRestricted: Bool
    let weekdaysRestricted: Bool

    static let macros = [
        "@hourly": "0 * * * *", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@weekly": "0 0 * * 0",
        "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *",
    ]
    static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    /// Parses `expression`; a bad one is `invalidArgument` on `param` saying what is wrong.
    public init(_ expression: String, param: String = "schedule") throws(ClawError) {
        let trimmed = expression.trimmingCharacters(in: .whitespaces).lowercased()
        let text = Self.macros[trimmed] ?? trimmed
        let fields = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard fields.count == 5, expression.utf8.count <= 200 else {
            throw ClawError(.invalidArgument, "schedule must be a cron expression with 5 fields "
                            + "(minute hour day month weekday), e.g. \"0 3 * * *\"", param: param)
        }
        func field(_ i: Int, _ name: String, _ range: ClosedRange<Int>, names: [String] = [],
                   nameBase: Int = 0) throws(ClawError) -> Set<Int> {
            do {
                return try Self.parse(fields[i], range, names: names, nameBase: nameBase)
            } catch {
                throw ClawError(.invalidArgument, "schedule has a bad \(name) field '\(fields[i])' "
                                + "(allowed \(range.lowerBound)-\(range.upperBound))", param: param)
            }
        }
        self.expression = expression.trimmingCharacters(in: .whitespaces)
        minutes = try field(0, "minute", 0...59)
        hours = try field(1, "hour", 0...23)
        days = try field(2, "day-of-month", 1...31)
        months = try field(3, "month", 1...12, names: Self.monthNames, nameBase: 1)
        weekdays = Set(try field(4, "day-of-week", 0...7, names: Self.dayNames).map { $0 % 7 })
        daysRestricted = !fields[2].hasPrefix("*")
        weekdaysRestricted = !fields[4].hasPrefix("*")
    }

    struct FieldError: Error {}

    static func parse(_ text: String, _ range: ClosedRange<Int>, names: [String], nameBase: Int) throws -> Set<Int> {
        func value(_ s: Substring) throws -> Int {
            if let n = Int(s), range.contains(n) { return n }
            if let i = names.firstIndex(of: String(s)) { return i + nameBase }
            throw FieldError()
        }
        var out = Set<Int>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2, !pieces[0].isEmpty else { throw FieldError() }
            var step = 1
            if pieces.count == 2 {
                guard let n = Int(pieces[1]), n >= 1, n <= range.upperBound + 1 else { throw FieldError() }
                step = n
            }
            var lo = range.lowerBound, hi = range.upperBound
            if pieces[0] != "*" {
                let bounds = pieces[0].split(separator: "-", omittingEmptySubsequences: false)
                guard bounds.count <= 2 else { throw FieldError() }
                lo = try value(bounds[0])
                hi = bounds.count == 2 ? try value(bounds[1]) : (pieces.count == 2 ? range.upperBound : lo)
                guard lo <= hi else { throw FieldError() }
            }
            out.formUnion(stride(from: lo, through: hi, by: step))
        }
        return out
    }

    /// The first minute strictly after `after` that the schedule matches, or nil when none comes
    /// within five years (e.g. `0 0 31 2 *`).
    public func next(after: Timestamp) -> Timestamp? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var t = (after.millis / 60_000 + 1) * 60_000
        let limit = after.millis + 5 * 366 * 86_400_000
        while t <= limit {
            let date = Date(timeIntervalSince1970: Double(t) / 1000)
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
            let (month, day, hour, minute) = (c.month!, c.day!, c.hour!, c.minute!)
            let minuteOfDay = Int64(hour * 60 + minute) * 60_000
            if !months.contains(month) {
                let next = calendar.date(from: DateComponents(year: c.year!, month: month, day: 1))!
                t = Timestamp(calendar.date(byAdding: .month, value: 1, to: next)!).millis
            } else if !dayMatches(day: day, weekday: c.weekday! - 1) {
                t += 86_400_000 - minuteOfDay
            } else if !hours.contains(hour) {
                t += 3_600_000 - Int64(minute) * 60_000
            } else if !minutes.contains(minute) {
                t += 60_000
            } else {
                return Timestamp(millis: t)
            }
        }
        return nil
    }

    func dayMatches(day: Int, weekday: Int) -> Bool {
        switch (daysRestricted, weekdaysRestricted) {
        case (true, true): return days.contains(day) || weekdays.contains(weekday)
        case (true, false): return days.contains(day)
        case (false, true): return weekdays.contains(weekday)
        case (false, false): return true
        }
    }
}
