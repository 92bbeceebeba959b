import ClawCore
import Foundation
import Testing

@Suite("Container schedules: cron in a time zone, anchored intervals, once")
struct RunScheduleTests {
    static func at(_ s: String) -> Timestamp { Timestamp(iso8601: s)! }
    static let utc = TimeZone(identifier: "UTC")!
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    static let newYork = TimeZone(identifier: "America/New_York")!

    @Test("cron fires at wall-clock times of the configured zone, across DST changes", arguments: [
        ("0 9 * * *", "Europe/Berlin", "2026-03-10T00:00:00Z", "2026-03-10T08:00:00.000Z"),  // CET = UTC+1
        ("0 9 * * *", "Europe/Berlin", "2026-07-10T00:00:00Z", "2026-07-10T07:00:00.000Z"),  // CEST = UTC+2
        ("0 9 * * *", "Europe/Berlin", "2026-03-28T09:00:00Z", "2026-03-29T07:00:00.000Z"),  // DST starts 29 March
        ("0 0 * * *", "Europe/Berlin", "2026-03-28T23:30:00Z", "2026-03-29T22:00:00.000Z"),  // 23-hour day walked
        ("30 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z", "2026-03-30T00:30:00.000Z"),  // 02:30 skipped on 29th
        ("0 0 * * mon", "America/New_York", "2026-03-10T12:00:00Z", "2026-03-16T04:00:00.000Z"),
        ("*/20 * * * *", "UTC", "2026-03-10T10:41:00Z", "2026-03-10T11:00:00.000Z"),
    ])
    func cronInZone(expression: String, zone: String, after: String, expected: String) throws {
        let schedule = try RunSchedule(type: "cron", value: expression)
        let tz = try #require(TimeZone(identifier: zone))
        #expect(schedule.first(now: Self.at(after), timeZone: tz)?.iso8601 == expected)
        #expect(schedule.next(afterSlot: Self.at(after), now: Self.at(after), timeZone: tz)?.iso8601 == expected)
    }

    @Test("an interval stays on its grid and skips every missed slot (no burst after downtime)")
    func intervalAnchored() throws {
        let s = try RunSchedule(type: "interval", value: "2000")
        let due = Self.at("2026-03-10T10:00:00Z")
        #expect(s.first(now: due, timeZone: Self.utc)?.iso8601 == "2026-03-10T10:00:02.000Z")
        // fired on time: the next slot
        #expect(s.next(afterSlot: due, now: due, timeZone: Self.utc)?.iso8601 == "2026-03-10T10:00:02.000Z")
        // fired 150 ms late: still the grid
        #expect(s.next(afterSlot: due, now: Timestamp(millis: due.millis + 150), timeZone: Self.utc)?.iso8601
                == "2026-03-10T10:00:02.000Z")
        // down for an hour: one slot, the first one after now
        let late = Self.at("2026-03-10T11:00:01Z")
        #expect(s.next(afterSlot: due, now: late, timeZone: Self.utc)?.iso8601 == "2026-03-10T11:00:02.000Z")
        // exactly on a slot: the following one
        #expect(s.next(afterSlot: due, now: Self.at("2026-03-10T10:00:04Z"), timeZone: Self.utc)?.iso8601
                == "2026-03-10T10:00:06.000Z")
    }

    @Test("once fires at its time and then has no next run")
    func once() throws {
        let s = try RunSchedule(type: "once", value: "2026-03-10T10:00:00+02:00")
        #expect(s.first(now: Self.at("2026-01-01T00:00:00Z"), timeZone: Self.berlin)?.iso8601 == "2026-03-10T08:00:00.000Z")
        #expect(s.next(afterSlot: Self.at("2026-03-10T08:00:00Z"), now: Self.at("2026-03-10T08:00:00Z"), timeZone: Self.utc) == nil)
        #expect(s.value == "2026-03-10T08:00:00.000Z")
    }

    @Test("bad schedules are refused naming the problem", arguments: [
        ("cron", "* * *", "5 fields"),
        ("cron", "61 * * * *", "minute"),
        ("cron", "0 25 * * *", "hour"),
        ("interval", "abc", "milliseconds"),
        ("interval", "999", "between"),
        ("interval", "-5000", "between"),
        ("once", "2026-03-10T10:00:00", "zone"),
        ("weekly", "x", "cron, interval or once"),
    ])
    func refused(type: String, value: String, words: String) {
        do {
            _ = try RunSchedule(type: type, value: value)
            Issue.record("accepted \(type) \(value)")
        } catch {
            #expect(error.code == .invalidArgument)
            #expect(error.message.contains(words), "\(error.message)")
            #expect(error.param?.hasPrefix("schedule.") == true)
        }
    }
}
