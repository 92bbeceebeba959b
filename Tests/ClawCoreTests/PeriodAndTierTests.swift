import ClawCore
import Testing

@Suite("Paid periods with an injected clock, and renewing into another tier")
struct PeriodAndTierTests {
    let policy = Fixture.policy

    @Test("a period is exactly 30 x 86,400 s of UTC, across month ends, leap days and years", arguments: [
        ("2026-01-31T23:59:59.999Z", "2026-03-02T23:59:59.999Z"),
        ("2028-02-15T00:00:00.000Z", "2028-03-16T00:00:00.000Z"),
        ("2027-02-15T00:00:00.000Z", "2027-03-17T00:00:00.000Z"),
        ("2026-12-15T12:00:00.000Z", "2027-01-14T12:00:00.000Z"),
        ("2026-03-29T01:30:00.000Z", "2026-04-28T01:30:00.000Z"),
    ])
    func thirtyDays(created: String, paidUntil: String) throws {
        let out = try Lifecycle.create(id: "c1", orgID: "o1", subdomain: "abc", image: "img",
                                       now: Fixture.at(created), policy: policy)
        #expect(out.instance.paidUntil.iso8601 == paidUntil)
        #expect(out.instance.paidUntil.millis - Fixture.at(created).millis == 30 * 86_400_000)
    }

    @Test("renewals before expiry stack: three renews on day 1 pay 120 days from creation")
    func renewsStack() throws {
        var i = try Lifecycle.create(id: "c1", orgID: "o1", subdomain: "abc", image: "img", now: Fixture.now,
                                     policy: policy).instance
        for day in 1...3 {
            i = try Lifecycle.apply(i, .renew(), now: Fixture.now.adding(seconds: Int64(day) * 3600), policy: policy).instance
        }
        #expect(i.paidUntil == Fixture.now.adding(seconds: 120 * Fixture.day))
        #expect(i.totalPaid == Cents(8000))
    }

    @Test("renew on the exact millisecond of paidUntil, before the timer fired, counts from paidUntil")
    func renewAtTheDeadline() throws {
        let out = try Lifecycle.apply(Fixture.instance(.running), .renew(), now: Fixture.paidUntil, policy: policy)
        #expect(out.instance.paidUntil == Fixture.paidUntil.adding(seconds: 30 * Fixture.day))
        #expect(out.instance.status == .running)
    }

    @Test("renew of an expired instance after deleteAfter, before retention fired, still saves it")
    func renewInsideLateRetention() throws {
        let expired = Fixture.instance(.stoppedExpired)
        let late = try #require(expired.deleteAfter).adding(seconds: 2)
        let out = try Lifecycle.apply(expired, .renew(), now: late, policy: policy)
        #expect(out.instance.status == .running && out.instance.deleteAfter == nil)
        #expect(out.instance.paidUntil == late.adding(seconds: 30 * Fixture.day))
        #expect(out.effects.contains(.disarmDeadline(.retention)))
        #expect(try Lifecycle.apply(out.instance, .retention, now: late, policy: policy).isNoOp)
    }

    @Test("retention counts from paidUntil with a short policy too (tests and demos)")
    func shortPolicy() throws {
        let short = LifecyclePolicy(periodSeconds: 6, retentionSeconds: 6)
        let created = try Lifecycle.create(id: "c1", orgID: "o1", subdomain: "abc", image: "img", now: Fixture.now,
                                           policy: short).instance
        #expect(created.paidUntil == Fixture.now.adding(seconds: 6))
        let expired = try Lifecycle.apply(created, .expire, now: Fixture.now.adding(seconds: 9), policy: short).instance
        #expect(expired.deleteAfter == Fixture.now.adding(seconds: 12))
    }

    @Test("renew into another tier switches it, charges its price and recreates the container", arguments: [
        (Fixture.State.running, Tier.pro, Int64(3500)), (.stoppedUser, .budget, 1000), (.stoppedExpired, .pro, 3500),
        (.pending, .budget, 1000),
    ])
    func renewSwitchesTier(state: Fixture.State, tier: Tier, cents: Int64) throws {
        let before = Fixture.instance(state)
        let out = try Lifecycle.apply(before, .renew(tier: tier), now: Fixture.now, policy: policy)
        #expect(out.instance.tier == tier)
        #expect(out.instance.generation == before.generation + 1)
        #expect(out.effects.first == .charge(Cents(cents)))
        #expect(out.effects.contains(.event(type: EventType.instanceUpdated)))
        #expect(out.effects.contains(.wakeWorker))
        #expect(out.instance.totalPaid == before.totalPaid + Cents(cents))
    }

    @Test("renew naming the current tier is a plain renew: same generation, no worker for a running one")
    func renewSameTier() throws {
        let running = Fixture.instance(.running)
        let same = try Lifecycle.apply(running, .renew(tier: .balanced), now: Fixture.now, policy: policy)
        let plain = try Lifecycle.apply(running, .renew(), now: Fixture.now, policy: policy)
        #expect(same == plain)
        #expect(same.instance.generation == running.generation && !same.effects.contains(.wakeWorker))
    }

    @Test("renew of a FAILED or DELETED instance is a conflict whatever the tier", arguments: [
        Fixture.State.failed, .deleted,
    ])
    func renewTerminal(state: Fixture.State) {
        #expect { try Lifecycle.apply(Fixture.instance(state), .renew(tier: .pro), now: Fixture.now) }
            throws: { ($0 as? ClawError)?.code == .conflict }
    }
}
