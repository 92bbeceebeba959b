import ClawCore
import Testing

@Suite("Create, renew, expiry and retention")
struct CreateAndBillingTests {
    let policy = Fixture.policy

    @Test("create gives a paid PENDING instance that should run, and charges one period")
    func create() throws {
        let out = try Lifecycle.create(id: "c1", orgID: "o1", subdomain: "my-bot", defaultModel: "gpt-5.2",
                                       image: "localhost/clawd-demo:latest", now: Fixture.now, policy: policy)
        let i = out.instance
        #expect(i.status == .pending && i.desired == .running && i.stopReason == nil)
        #expect(i.generation == 1 && i.provisionAttempts == 0 && i.healthStatus == .unknown)
        #expect(i.tier == .balanced && i.totalPaid == Cents(2000) && i.hostPort == nil)
        #expect(i.paidUntil == Fixture.at("2026-03-31T12:00:00.000Z"))
        #expect(i.rebuildDay == "2026-03-01" && i.rebuildsOnDay == 0)
        #expect(i.createdAt == Fixture.now && i.updatedAt == Fixture.now && i.deleteAfter == nil)
        #expect(out.effects == [
            .charge(Cents(2000)), .event(type: "instance.created"), .event(type: "billing.charged"),
            .armDeadline(.expiry, at: i.paidUntil), .wakeWorker,
        ])
    }

    @Test("create charges the tier's price from the pricing passed in", arguments: [
        (Tier.budget, Int64(1000)), (.balanced, 2000), (.pro, 3500),
    ])
    func tierPrice(tier: Tier, cents: Int64) throws {
        let out = try Lifecycle.create(id: "c1", orgID: "o1", subdomain: "abc", tier: tier, image: "img", now: Fixture.now)
        #expect(out.effects.first == .charge(Cents(cents)))
        #expect(Lifecycle.price(tier: tier, pricing: .default) == Cents(cents))
        let custom = Pricing(budget: Cents(1), balanced: Cents(2), pro: Cents(3))
        #expect(Lifecycle.price(tier: .pro, pricing: custom) == Cents(3))
    }

    @Test("create refuses a bad subdomain or model and names the field")
    func createValidates() {
        #expect { try Lifecycle.create(id: "c", orgID: "o", subdomain: "-bad", image: "i", now: Fixture.now) }
            throws: { ($0 as? ClawError)?.param == "subdomain" }
        #expect { try Lifecycle.create(id: "c", orgID: "o", subdomain: "good", defaultModel: "a\nb", image: "i",
                                       now: Fixture.now) }
            throws: { ($0 as? ClawError)?.param == "defaultModel" }
    }

    @Test("renew before expiry adds one period to paidUntil: 2026-03-10 -> 2026-04-09")
    func renewBeforeExpiry() throws {
        let out = try Lifecycle.apply(Fixture.instance(.running), .renew(), now: Fixture.now, policy: policy)
        #expect(out.instance.paidUntil.iso8601 == "2026-04-09T00:00:00.000Z")
        #expect(out.instance.totalPaid == Cents(6000))
        #expect(out.effects.first == .charge(Cents(2000)))
        #expect(out.effects.contains(.armDeadline(.expiry, at: out.instance.paidUntil)))
    }

    @Test("renew after expiry counts the period from now, clears deleteAfter and runs the instance again")
    func renewAfterExpiry() throws {
        let now = Fixture.at("2026-03-03T08:30:00.250Z")
        let out = try Lifecycle.apply(Fixture.instance(.stoppedExpired), .renew(), now: now, policy: policy)
        let i = out.instance
        #expect(i.paidUntil.iso8601 == "2026-04-02T08:30:00.250Z")
        #expect(i.deleteAfter == nil && i.status == .running && i.stopReason == nil && i.desired == .running)
        #expect(i.healthStatus == .unknown && i.totalPaid == Cents(4000))
    }

    @Test("renew of a pro instance charges the pro price")
    func renewPro() throws {
        var pro = Fixture.instance(.running)
        pro.tier = .pro
        let out = try Lifecycle.apply(pro, .renew(), now: Fixture.now, policy: policy)
        #expect(out.effects.first == .charge(Cents(3500)))
    }

    @Test("expiry keeps data for the retention counted from paidUntil, even when it fires late")
    func expiryLate() throws {
        let late = Fixture.paidUntil.adding(seconds: 3600)
        let out = try Lifecycle.apply(Fixture.instance(.running), .expire, now: late, policy: policy)
        #expect(out.instance.deleteAfter?.iso8601 == "2026-03-17T00:00:00.000Z")
        #expect(out.effects.contains(.armDeadline(.retention, at: Fixture.at("2026-03-17T00:00:00.000Z"))))
    }

    @Test("a timer that fires early, or again, or after a renew is a no-op")
    func timersIdempotent() throws {
        let running = Fixture.instance(.running)
        let early = try Lifecycle.apply(running, .expire, now: Fixture.paidUntil.adding(seconds: -1), policy: policy)
        #expect(early.isNoOp && early.instance == running)

        let expired = try Lifecycle.apply(running, .expire, now: Fixture.paidUntil, policy: policy).instance
        let again = try Lifecycle.apply(expired, .expire, now: Fixture.paidUntil.adding(seconds: 5), policy: policy)
        #expect(again.isNoOp && again.instance == expired)

        let deleteAfter = try #require(expired.deleteAfter)
        let tooSoon = try Lifecycle.apply(expired, .retention, now: deleteAfter.adding(seconds: -1), policy: policy)
        #expect(tooSoon.isNoOp)
        let deleted = try Lifecycle.apply(expired, .retention, now: deleteAfter, policy: policy).instance
        #expect(deleted.status == .deleted && deleted.desired == .absent)
        let twice = try Lifecycle.apply(deleted, .retention, now: deleteAfter.adding(seconds: 9), policy: policy)
        #expect(twice.isNoOp && twice.instance == deleted)

        let renewed = try Lifecycle.apply(running, .renew(), now: Fixture.now, policy: policy).instance
        let stale = try Lifecycle.apply(renewed, .expire, now: Fixture.paidUntil, policy: policy)
        #expect(stale.isNoOp)
        let staleRetention = try Lifecycle.apply(
            try Lifecycle.apply(expired, .renew(), now: Fixture.paidUntil, policy: policy).instance,
            .retention, now: deleteAfter, policy: policy)
        #expect(staleRetention.isNoOp)
    }

    @Test("start answers 402 once the paid period is over, even before the expiry timer fired")
    func startUnpaid() {
        let stopped = Fixture.instance(.stoppedUser)
        #expect { try Lifecycle.apply(stopped, .start, now: Fixture.paidUntil, policy: policy) }
            throws: { ($0 as? ClawError)?.code == .insufficientBalance }
        let ok = try? Lifecycle.apply(stopped, .start, now: Fixture.paidUntil.adding(seconds: -1), policy: policy)
        #expect(ok?.instance.status == .running)
    }

    @Test("a final provisioning failure refunds everything charged, renewals included")
    func failureRefundsAll() throws {
        let pending = Fixture.instance(.pending)
        let renewed = try Lifecycle.apply(pending, .renew(), now: Fixture.now, policy: policy).instance
        #expect(renewed.totalPaid == Cents(6000))
        let retry = try Lifecycle.apply(renewed, .provisioningFailed(final: false), now: Fixture.now, policy: policy)
        #expect(retry.instance.provisionAttempts == 1 && retry.instance.status == .provisioning)
        let failed = try Lifecycle.apply(retry.instance, .provisioningFailed(final: true), now: Fixture.now, policy: policy)
        #expect(failed.instance.status == .failed && failed.instance.totalPaid == .zero)
        #expect(failed.instance.provisionAttempts == 2)
        #expect(failed.effects.first == .refund(Cents(6000)))
    }
}
