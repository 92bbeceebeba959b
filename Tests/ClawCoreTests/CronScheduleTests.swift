import ClawCore
import Testing

@Suite("Cron schedule of the backup add-on")
struct CronScheduleTests {
    static func at(_ s: String) -> Timestamp { Timestamp(iso8601: s)! }

    @Test("the next run is the first matching minute strictly after the given instant (UTC)", arguments: [
        ("0 3 * * *", "2026-03-10T02:59:30Z", "2026-03-10T03:00:00.000Z"),
        ("0 3 * * *", "2026-03-10T03:00:00Z", "2026-03-11T03:00:00.000Z"),
        ("*/15 * * * *", "2026-03-10T10:07:00Z", "2026-03-10T10:15:00.000Z"),
        ("*/15 * * * *", "2026-03-10T23:59:00Z", "2026-03-11T00:00:00.000Z"),
        ("30 8-10/2 * * *", "2026-03-10T09:00:00Z", "2026-03-10T10:30:00.000Z"),
        ("0 0 * * mon", "2026-03-10T00:00:00Z", "2026-03-16T00:00:00.000Z"),  // 10 March 2026 is a Tuesday
        ("0 0 * * 7", "2026-03-10T00:00:00Z", "2026-03-15T00:00:00.000Z"),  // 7 is Sunday too
        ("0 0 29 2 *", "2026-03-01T00:00:00Z", "2028-02-29T00:00:00.000Z"),
        ("0 0 1 jan *", "2026-03-01T00:00:00Z", "2027-01-01T00:00:00.000Z"),
        ("0 12 15 * fri", "2026-03-10T00:00:00Z", "2026-03-13T12:00:00.000Z"),  // day 15 OR Friday
        ("0 12 15,16 * *", "2026-03-15T12:00:00Z", "2026-03-16T12:00:00.000Z"),
        ("@daily", "2026-12-31T23:59:59Z", "2027-01-01T00:00:00.000Z"),
        ("@hourly", "2026-03-10T10:00:00.001Z", "2026-03-10T11:00:00.000Z"),
        ("@monthly", "2026-03-10T00:00:00Z", "2026-04-01T00:00:00.000Z"),
    ])
    func next(expression: String, after: String, expected: String) throws {
        let schedule = try CronSchedule(expression)
        #expect(schedule.next(after: Self.at(after))?.iso8601 == expected)
    }

    @Test("a date that never comes has no next run")
    func never() throws {
        #expect(try CronSchedule("0 0 31 2 *").next(after: Self.at("2026-01-01T00:00:00Z")) == nil)
    }

    @Test("a bad expression is refused naming the field", arguments: [
        "", "* * * *", "* * * * * *", "61 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 8",
        "5-1 * * * *", "*/0 * * * *", "x * * * *", "1,,2 * * * *", "-1 * * * *", "@often",
    ])
    func refused(expression: String) {
        let error = #expect(throws: ClawError.self) { try CronSchedule(expression) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.param == "schedule")
    }
}
