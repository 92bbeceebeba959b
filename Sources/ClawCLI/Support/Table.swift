import ClawWire
import Foundation

/// An aligned text table: columns padded to their widest cell, two spaces apart. Colour codes
/// in cells do not count towards the width.
struct Table {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: String...) { self.headers = headers }

    mutating func add(_ cells: [String]) { rows.append(cells) }

    func render() -> String {
        var widths = headers.map(Self.visibleWidth)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], Self.visibleWidth(cell)) }
        }
        func line(_ cells: [String]) -> String {
            var out = ""
            for (i, cell) in cells.enumerated() {
                if i == cells.count - 1 { out += cell; break }
                out += cell + String(repeating: " ", count: widths[i] - Self.visibleWidth(cell) + 2)
            }
            return out
        }
        let head = line(headers)
        return ([Terminal.paint(head, .bold)] + rows.map(line)).joined(separator: "\n")
    }

    func print() { Swift.print(render()) }

    static func visibleWidth(_ s: String) -> Int {
        guard s.contains("\u{1B}") else { return s.count }
        var count = 0, escaping = false
        for ch in s {
            if escaping { if ch == "m" { escaping = false }; continue }
            if ch == "\u{1B}" { escaping = true; continue }
            count += 1
        }
        return count
    }
}

/// `key: value` lines with the keys aligned.
struct Fields {
    var pairs: [(String, String)] = []
    mutating func add(_ key: String, _ value: String?) { pairs.append((key, value ?? "-")) }
    func print() {
        let width = pairs.map(\.0.count).max() ?? 0
        for (k, v) in pairs { Swift.print("\(k):" + String(repeating: " ", count: width - k.count + 1) + v) }
    }
}

/// Formatting of API values for tables: a missing value is `-`.
enum Format {
    /// Cents as dollars: `2000` → `$20.00`, `-150` → `-$1.50`.
    static func cents(_ value: Int64?) -> String {
        guard let n = value else { return "-" }
        let sign = n < 0 ? "-" : ""
        let a = n.magnitude
        return "\(sign)$\(a / 100).\(String(format: "%02d", Int(a % 100)))"
    }

    /// Dollars (a JSON number) as `$20.00`.
    static func dollars(_ value: Double?) -> String {
        value.map { cents(Int64(($0 * 100).rounded())) } ?? "-"
    }

    static func text(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "-" }
        return value
    }

    static func text<T: CustomStringConvertible>(_ value: T?) -> String {
        value.map { text($0.description) } ?? "-"
    }

    /// `2026-03-10T00:00:00.000Z` → `2026-03-10 00:00:00Z` (shorter, still UTC and unambiguous).
    static func time(_ value: String?) -> String {
        guard let s = value, s.count >= 19 else { return text(value) }
        return s.prefix(10) + " " + s.dropFirst(11).prefix(8) + "Z"
    }

    /// `3725` → `1h 2m 5s`.
    static func duration(seconds: Int64) -> String {
        let d = seconds / 86_400, h = seconds % 86_400 / 3600, m = seconds % 3600 / 60, s = seconds % 60
        if d > 0 { return "\(d)d \(h)h \(m)m" }
        if h > 0 { return "\(h)h \(m)m \(s)s" }
        if m > 0 { return "\(m)m \(s)s" }
        return "\(s)s"
    }

    static func bytes(_ n: Int64) -> String { DoctorCheck.bytes(n) }

    /// Seconds with one decimal: `1.2s`.
    static func elapsed(_ d: Duration) -> String {
        let ms = d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
        return String(format: "%.1fs", Double(ms) / 1000)
    }
}
