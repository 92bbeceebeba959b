import ClawCore
import Testing

@Suite("Rebuild quota")
struct RebuildQuotaTests {
    let policy = Fixture.policy

    func rebuild(_ i: Instance, at iso: String) throws -> Instance {
        try Lifecycle.apply(i, .rebuild(), now: Fixture.at(iso), policy: policy).instance
    }

    @Test("ten rebuilds a UTC day pass, the eleventh is rate-limited and changes nothing")
    func tenThenLimited() throws {
        var i = Fixture.instance(.running)
        let now = Fixture.at("2026-03-05T22:00:00.000Z")
        #expect(Lifecycle.rebuildsLeftToday(i, now: now, policy: policy) == 10)
        for n in 1...10 {
            i = try rebuild(i, at: "2026-03-05T\(10 + n):00:00.000Z")
            #expect(Lifecycle.rebuildsLeftToday(i, now: now, policy: policy) == 10 - n)
        }
        #expect(i.rebuildDay == "2026-03-05" && i.rebuildsOnDay == 10)
        #expect(!Lifecycle.canRebuild(i, now: now, policy: policy))
        let before = i
        #expect { try Lifecycle.apply(before, .rebuild(), now: Fixture.at("2026-03-05T23:59:59.999Z"), policy: policy) }
            throws: { error in
                let e = error as? ClawError
                return e?.code == .rateLimited && e?.message.contains("in 1 seconds") == true
            }
        #expect(i == before)
    }

    @Test("the quota resets at 00:00 UTC")
    func resetsAtMidnight() throws {
        var i = Fixture.instance(.running)
        for _ in 1...10 { i = try rebuild(i, at: "2026-03-05T23:00:00.000Z") }
        i = try rebuild(i, at: "2026-03-06T00:00:00.000Z")
        #expect(i.rebuildDay == "2026-03-06" && i.rebuildsOnDay == 1)
        #expect(Lifecycle.rebuildsLeftToday(i, now: Fixture.at("2026-03-06T12:00:00.000Z"), policy: policy) == 9)
    }

    @Test("a count from an earlier day does not limit today")
    func staleDay() {
        var i = Fixture.instance(.stoppedUser)
        i.rebuildDay = "2026-02-28"
        i.rebuildsOnDay = 10
        #expect(Lifecycle.rebuildsLeftToday(i, now: Fixture.now, policy: policy) == 10)
        #expect(Lifecycle.canRebuild(i, now: Fixture.now, policy: policy))
    }

    @Test("Retry-After is the whole seconds to the next 00:00 UTC, rounded up", arguments: [
        ("2026-03-10T22:00:00.000Z", 7200), ("2026-03-10T23:59:59.001Z", 1), ("2026-03-10T23:59:59.999Z", 1),
        ("2026-03-10T00:00:00.000Z", 86_400), ("2026-03-10T12:00:00.500Z", 43_200),
        ("2026-12-31T23:00:00.000Z", 3600), ("2028-02-28T23:59:00.000Z", 60),
    ])
    func retryAfter(iso: String, seconds: Int) {
        #expect(Lifecycle.retryAfterSeconds(now: Fixture.at(iso)) == seconds)
    }

    @Test("canRebuild is false in every status that refuses a rebuild", arguments: Fixture.State.allCases)
    func canRebuildByStatus(state: Fixture.State) {
        let expected = [.running, .stoppedUser, .stoppedExpired, .stoppedQuota].contains(state)
        #expect(Lifecycle.canRebuild(Fixture.instance(state), now: Fixture.now, policy: policy) == expected)
    }

    @Test("the quota is a policy setting")
    func configurable() throws {
        let two = LifecyclePolicy(rebuildsPerDay: 2)
        var i = Fixture.instance(.running)
        for _ in 0..<2 { i = try Lifecycle.apply(i, .rebuild(), now: Fixture.now, policy: two).instance }
        #expect { try Lifecycle.apply(i, .rebuild(), now: Fixture.now, policy: two) }
            throws: { ($0 as? ClawError)?.code == .rateLimited }
    }
}
