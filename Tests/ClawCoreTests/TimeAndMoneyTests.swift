import ClawCore
import Foundation
import Testing

@Suite("Time and money values")
struct TimeAndMoneyTests {
    @Test("known millis format as ISO-8601 UTC with milliseconds", arguments: [
        (Int64(1_773_100_800_000), "2026-03-10T00:00:00.000Z"), (1_773_100_800_123, "2026-03-10T00:00:00.123Z"),
        (1_775_692_800_000, "2026-04-09T00:00:00.000Z"), (0, "1970-01-01T00:00:00.000Z"),
        (-1, "1969-12-31T23:59:59.999Z"), (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (1_709_251_199_999, "2024-02-29T23:59:59.999Z"),
    ])
    func formats(millis: Int64, iso: String) {
        #expect(Timestamp(millis: millis).iso8601 == iso)
        if millis >= 946_684_800_000 { #expect(Timestamp(iso8601: iso) == Timestamp(millis: millis)) }
    }

    @Test("formatting agrees with Foundation's ISO-8601 formatter across 400 years")
    func formatsLikeFoundation() {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        f.timeZone = TimeZone(identifier: "UTC")
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            // 1900-01-01 … 2300-01-01, whole milliseconds.
            let millis = Int64.random(in: -2_208_988_800_000...10_413_792_000_000, using: &rng)
            let t = Timestamp(millis: millis)
            #expect(t.iso8601 == f.string(from: t.date), "millis \(millis)")
        }
    }

    @Test("a time with an offset is read as the same instant in UTC")
    func parsesZone() {
        #expect(Timestamp(iso8601: "2026-03-10T09:00:00+09:00")?.millis == 1_773_100_800_000)
        #expect(Timestamp(iso8601: "2026-03-09T19:00:00.000-05:00")?.millis == 1_773_100_800_000)
        #expect(Timestamp(iso8601: "2026-03-10T00:00:00Z")?.millis == 1_773_100_800_000)
    }

    @Test("a string without a zone, or not a time, is refused", arguments: [
        "2026-03-10T00:00:00", "2026-03-10T00:00:00.000", "2026-03-10", "", "yesterday", "2026-13-01T00:00:00Z",
    ])
    func refusesZoneless(s: String) {
        #expect(Timestamp(iso8601: s) == nil)
    }

    /// Guards the rounding in `Timestamp(Date)`: flooring `seconds * 1000` of a binary double lost a
    /// millisecond for instants such as 1969-12-31T23:59:59.999Z and 2038-01-23T04:15:48.430Z.
    @Test("formatting then parsing gives the same millis")
    func roundTrip() {
        #expect(Timestamp(iso8601: "1969-12-31T23:59:59.999Z")?.millis == -1)
        var millis: Int64 = -2_000_000_000_007
        while millis < 4_000_000_000_000 {
            let t = Timestamp(millis: millis)
            #expect(Timestamp(iso8601: t.iso8601) == t, "\(millis)")
            millis += 9_765_432_101
        }
    }

    @Test("the UTC day agrees with the ISO-8601 date at every hour boundary tried")
    func utcDay() {
        #expect(UTCDay.string(Timestamp(millis: 1_773_100_800_000)) == "2026-03-10")
        #expect(UTCDay.string(Timestamp(millis: 1_773_100_799_999)) == "2026-03-09")
        #expect(UTCDay.string(Timestamp(millis: -1)) == "1969-12-31")
        #expect(UTCDay.nextMidnight(after: Timestamp(millis: -1)) == Timestamp(millis: 0))
        var millis: Int64 = -3_000_000_000_000
        while millis < 5_000_000_000_000 {
            let t = Timestamp(millis: millis)
            #expect(UTCDay.string(t) == String(t.iso8601.prefix(10)), "\(millis)")
            let next = UTCDay.nextMidnight(after: t)
            #expect(next > t && next.iso8601.hasSuffix("T00:00:00.000Z") && next.millis - t.millis <= 86_400_000)
            millis += 3_600_000 * 7_919 + 13
        }
    }

    @Test("cents print as dollars and survive JSON")
    func cents() throws {
        #expect(Cents(2000).description == "$20.00")
        #expect(Cents(-5).description == "-$0.05")
        #expect(Cents(1250).dollars == 12.5)
        #expect(Cents(2000) + Cents(3500) - Cents(1000) == Cents(4500))
        let data = try JSONEncoder().encode(Cents(123_456))
        #expect(try JSONDecoder().decode(Cents.self, from: data) == Cents(123_456))
        let t = Timestamp(millis: 1_773_100_800_123)
        #expect(try JSONDecoder().decode(Timestamp.self, from: JSONEncoder().encode(t)) == t)
    }

    @Test("an instance survives JSON, with statuses spelled as the API shows them")
    func instanceCodable() throws {
        let i = Fixture.instance(.stoppedExpired)
        #expect(try JSONDecoder().decode(Instance.self, from: JSONEncoder().encode(i)) == i)
        #expect(InstanceStatus.allCases.map(\.rawValue) == ["PENDING", "PROVISIONING", "RUNNING", "STOPPED", "FAILED", "DELETED"])
        #expect(InstanceStatus.allCases.filter(\.isTerminal) == [.failed, .deleted])
        #expect(Tier.allCases.map(\.memoryBytes) == [1 << 30, 2 << 30, 4 << 30])
        #expect(Tier.allCases.map(\.cpus) == [1, 1, 2])
    }
}
