/// Timestamp and day text written as ASCII bytes: an instance list formats three times per row,
/// and `String(v)` + padding per field was a visible part of a 1,000-row list.
extension Timestamp {
    /// Appends `2026-03-10T00:00:00.000Z`.
    public func appendISO8601(to out: inout [UInt8]) {
        let day = UTCDay.dayNumber(self)
        let msOfDay = millis - day * UTCDay.millisPerDay
        UTCDay.appendDate(day, to: &out)
        out.append(UInt8(ascii: "T"))
        let seconds = msOfDay / 1000
        ASCII.appendPadded(seconds / 3600, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        ASCII.appendPadded(seconds / 60 % 60, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        ASCII.appendPadded(seconds % 60, width: 2, to: &out)
        out.append(UInt8(ascii: "."))
        ASCII.appendPadded(msOfDay % 1000, width: 3, to: &out)
        out.append(UInt8(ascii: "Z"))
    }

    /// `2026-03-10T00:00:00.000Z`
    public var iso8601: String {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        appendISO8601(to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

extension UTCDay {
    /// Appends `YYYY-MM-DD` of day number `day`.
    static func appendDate(_ day: Int64, to out: inout [UInt8]) {
        let (y, m, d) = civil(fromDays: day)
        ASCII.appendPadded(y, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        ASCII.appendPadded(m, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        ASCII.appendPadded(d, width: 2, to: &out)
    }

    /// `YYYY-MM-DD` of the UTC day containing `t`.
    public static func string(_ t: Timestamp) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(10)
        appendDate(dayNumber(t), to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// Decimal digits as bytes.
public enum ASCII {
    /// Appends `v` in decimal, left-padded with zeros to `width` digits (a minus sign first).
    public static func appendPadded(_ v: Int64, width: Int = 1, to out: inout [UInt8]) {
        if v < 0 { out.append(UInt8(ascii: "-")) }
        var rest = v.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buf in
            repeat {
                buf[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            while count < width && count < buf.count {
                buf[count] = UInt8(ascii: "0")
                count += 1
            }
            for n in stride(from: count - 1, through: 0, by: -1) { out.append(buf[n]) }
        }
    }
}
