import ClawCore
import Testing

@Suite("Run analytics: per-day counts and nearest-rank percentiles")
struct RunAnalyticsTests {
    @Test("nearest-rank percentiles")
    func percentiles() {
        #expect(RunAnalytics.percentile([], 50) == nil)
        #expect(RunAnalytics.percentile([7], 95) == 7)
        let hundred = (1...100).map(Int64.init)
        #expect(RunAnalytics.percentile(hundred, 50) == 50)
        #expect(RunAnalytics.percentile(hundred, 95) == 95)
        #expect(RunAnalytics.percentile([1, 2, 3, 4], 50) == 2)
    }

    @Test("days oldest first, empty days kept, runs outside the window ignored, by group")
    func days() {
        let day: Int64 = 86_400_000
        let now = Timestamp(millis: 20 * day + 5000)
        let samples = [
            RunAnalytics.Sample(at: Timestamp(millis: 20 * day + 1), group: "a", status: .succeeded, durationMs: 100),
            RunAnalytics.Sample(at: Timestamp(millis: 20 * day + 2), group: "b", status: .timeout, durationMs: 900),
            RunAnalytics.Sample(at: Timestamp(millis: 18 * day), group: "a", status: .failed, durationMs: 300),
            RunAnalytics.Sample(at: Timestamp(millis: 10 * day), group: "a", status: .failed, durationMs: 1),
        ]
        let d = RunAnalytics.days(samples, days: 3, now: now)
        #expect(d.map(\.total.runs) == [1, 0, 2])
        #expect(d[2].total.successes == 1 && d[2].total.timeouts == 1)
        #expect(d[2].total.p50DurationMs == 100 && d[2].total.p95DurationMs == 900)
        #expect(d[2].byGroup["b"]?.timeouts == 1)
        #expect(d[0].total.failures == 1)
        #expect(d[0].date == "1970-01-19")
    }
}
