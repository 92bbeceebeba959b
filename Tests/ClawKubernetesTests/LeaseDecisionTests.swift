import ClawKubernetes
import Foundation
import Testing

@Suite("leader lease decisions")
struct LeaseDecisionTests {
    static let rules = LeaseRules(identity: "pod-a/i1", durationSeconds: 15)
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var lease: LeaseView?
        var now: Date
        var expected: LeaseDecision
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "no lease: create", lease: nil, now: t0, expected: .create),
        Case(name: "no holder: take", lease: LeaseView(holder: nil, renewTime: t0, durationSeconds: 15), now: t0,
             expected: .take),
        Case(name: "empty holder: take", lease: LeaseView(holder: "", renewTime: t0, durationSeconds: 15), now: t0,
             expected: .take),
        Case(name: "ours: renew", lease: LeaseView(holder: "pod-a/i1", renewTime: t0, durationSeconds: 15),
             now: t0 + 100, expected: .renew),
        Case(name: "another's, fresh: wait until it expires",
             lease: LeaseView(holder: "pod-b/i2", renewTime: t0, durationSeconds: 15), now: t0 + 5,
             expected: .wait(holder: "pod-b/i2", until: t0 + 15)),
        Case(name: "another's, one second before expiry: wait",
             lease: LeaseView(holder: "pod-b/i2", renewTime: t0, durationSeconds: 15), now: t0 + 14,
             expected: .wait(holder: "pod-b/i2", until: t0 + 15)),
        Case(name: "another's, at expiry: take", lease: LeaseView(holder: "pod-b/i2", renewTime: t0, durationSeconds: 15),
             now: t0 + 15, expected: .take),
        Case(name: "another's, its own longer duration counts",
             lease: LeaseView(holder: "pod-b/i2", renewTime: t0, durationSeconds: 60), now: t0 + 30,
             expected: .wait(holder: "pod-b/i2", until: t0 + 60)),
        Case(name: "another's without a duration: ours counts",
             lease: LeaseView(holder: "pod-b/i2", renewTime: t0, durationSeconds: nil), now: t0 + 16, expected: .take),
        Case(name: "another's never renewed: take", lease: LeaseView(holder: "pod-b/i2", renewTime: nil, durationSeconds: 15),
             now: t0, expected: .take),
    ]

    @Test("each lease and time gives one decision", arguments: cases)
    func decide(_ c: Case) {
        #expect(Self.rules.decide(c.lease, now: c.now) == c.expected)
    }

    @Test("a holder stays leader only while nobody else could take the lease")
    func stillLeader() {
        #expect(Self.rules.stillLeader(renewed: Self.t0, now: Self.t0 + 14.9))
        #expect(!Self.rules.stillLeader(renewed: Self.t0, now: Self.t0 + 15))
        #expect(!Self.rules.stillLeader(renewed: Self.t0, now: Self.t0 + 60))
    }
}
