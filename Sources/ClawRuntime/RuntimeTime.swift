import Foundation

/// Parses the time formats the engines print: RFC 3339 with up to nanoseconds
/// (`2026-11-25T08:49:57.12956037Z`, `…+01:00`), docker's `ps` form
/// (`2026-11-25 09:00:00 +0000 UTC`), and unix seconds or nanoseconds.
enum RuntimeTime {
    static func parse(_ text: String) -> Date? {
        let s = text.trimmingWhitespace()
        guard s.count >= 19 else { return nil }
        let chars = Array(s.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= chars.count else { return nil }
            var value = 0
            for i in range {
                guard chars[i] >= 48, chars[i] <= 57 else { return nil }
                value = value * 10 + Int(chars[i] - 48)
            }
            return value
        }
        guard let year = number(0..<4), chars[4] == UInt8(ascii: "-"), let month = number(5..<7),
              chars[7] == UInt8(ascii: "-"), let day = number(8..<10),
              chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: " "),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
        else { return nil }

        var index = 19
        var fraction = 0.0
        if index < chars.count, chars[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            while index < chars.count, chars[index] >= 48, chars[index] <= 57 {
                fraction += Double(chars[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        while index < chars.count, chars[index] == UInt8(ascii: " ") { index += 1 }
        var offsetSeconds = 0
        if index < chars.count {
            let sign = chars[index]
            if sign == UInt8(ascii: "Z") {
                offsetSeconds = 0
            } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                // `+01:00` (RFC 3339) or `+0100` (docker ps); a trailing zone name is ignored.
                let hasColon = index + 3 < chars.count && chars[index + 3] == UInt8(ascii: ":")
                guard let hours = number(index + 1..<index + 3),
                      let minutes = hasColon ? number(index + 4..<index + 6) : number(index + 3..<index + 5)
                else { return nil }
                offsetSeconds = (hours * 3600 + minutes * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
            } else {
                return nil
            }
        }
        var components = DateComponents()
        components.year = year
        components.month = month
        components.day = day
        components.hour = hour
        components.minute = minute
        components.second = second
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let base = calendar.date(from: components) else { return nil }
        return base.addingTimeInterval(fraction - Double(offsetSeconds))
    }

    /// Unix time in seconds, or in nanoseconds when the number is too large to be seconds.
    static func fromUnix(_ value: Int64) -> Date {
        if value > 100_000_000_000 { return Date(timeIntervalSince1970: Double(value) / 1_000_000_000) }
        return Date(timeIntervalSince1970: Double(value))
    }

    /// Go's zero time (`0001-01-01…`, or -62135596800 as unix) means "never".
    static func isZero(_ date: Date) -> Bool { date.timeIntervalSince1970 < -62_000_000_000 }
}
