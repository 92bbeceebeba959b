import Foundation

extension CronSchedule {
    /// The first minute strictly after `after` whose wall-clock time in `timeZone` matches, or nil
    /// when none comes within five years. Steps by calendar fields in that zone, so days of 23 or
    /// 25 hours are walked correctly; a wall time skipped by a DST jump does not happen that day.
    public func next(after: Timestamp, in timeZone: TimeZone) -> Timestamp? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var date = Date(timeIntervalSince1970: Double((after.millis / 60_000 + 1) * 60_000) / 1000)
        let limit = after.date.addingTimeInterval(5 * 366 * 86_400)
        while date <= limit {
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
            let (year, month, day, hour, minute) = (c.year!, c.month!, c.day!, c.hour!, c.minute!)
            if !months.contains(month) {
                date = calendar.date(from: DateComponents(year: year, month: month + 1, day: 1)) ?? limit
            } else if !dayMatches(day: day, weekday: c.weekday! - 1) {
                date = calendar.date(from: DateComponents(year: year, month: month, day: day + 1)) ?? limit
            } else if !hours.contains(hour) {
                let startOfHour = date.addingTimeInterval(-Double(minute * 60))
                date = startOfHour.addingTimeInterval(3600)
            } else if !minutes.contains(minute) {
                date = date.addingTimeInterval(60)
            } else {
                return Timestamp(date)
            }
        }
        return nil
    }
}
