import Foundation

/// A UTC instant with millisecond precision, stored as integer milliseconds since the epoch.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var millis: Int64
    public init(millis: Int64) { self.millis = millis }
    public init(_ date: Date) { self.millis = Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    public static func now() -> Timestamp { Timestamp(Date()) }

    public var date: Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.millis < b.millis }
    public func adding(seconds: Int64) -> Timestamp { Timestamp(millis: millis + seconds * 1000) }

    /// Parses ISO-8601 with an explicit zone (`Z` or `±hh:mm`), with or without fractional
    /// seconds. A string without a zone is refused: it is never read as local time.
    public init?(iso8601 string: String) {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = fractional.date(from: string) ?? plain.date(from: string) else { return nil }
        self.init(date)
    }

    public var description: String { iso8601 }
}
