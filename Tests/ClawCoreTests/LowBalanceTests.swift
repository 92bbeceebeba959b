import ClawCore
import Testing

@Suite("billing.low_balance: what is due within 7 days, and when to warn")
struct LowBalanceTests {
    static func instance(_ state: Fixture.State, paidInDays days: Int64, tier: Tier = .balanced) -> Instance {
        var i = Fixture.instance(state)
        i.paidUntil = Fixture.now.adding(seconds: days * Fixture.day)
        i.tier = tier
        return i
    }

    @Test("due sums the next renewal of live instances whose paidUntil is within 7 days (inclusive)")
    func due() {
        let list = [
            Self.instance(.running, paidInDays: 3),                 // due, 2000
            Self.instance(.stoppedUser, paidInDays: 7, tier: .pro), // exactly 7 days: due, 3500
            Self.instance(.stoppedExpired, paidInDays: -2, tier: .budget), // in retention: due, 1000
            Self.instance(.pending, paidInDays: 8),                 // not yet
            Self.instance(.failed, paidInDays: 1),                  // terminal
            Self.instance(.deleted, paidInDays: 1),                 // terminal
        ]
        #expect(LowBalance.due(list, now: Fixture.now, pricing: .default) == Cents(6500))
        #expect(LowBalance.due([], now: Fixture.now, pricing: .default) == .zero)
        #expect(LowBalance.due(list, now: Fixture.now.adding(seconds: Fixture.day), pricing: .default) == Cents(8500))
    }

    @Test("a live instance is checked again when it enters the horizon; a terminal one never")
    func checkAt() {
        let running = Self.instance(.running, paidInDays: 30)
        #expect(LowBalance.checkAt(running) == Fixture.now.adding(seconds: 23 * Fixture.day))
        #expect(LowBalance.checkAt(Self.instance(.deleted, paidInDays: 30)) == nil)
        #expect(LowBalance.checkAt(Self.instance(.failed, paidInDays: 30)) == nil)
    }

    struct Row: Sendable, CustomStringConvertible {
        var balance: Int64, due: Int64, marker: Int64?, emit: Bool, newMarker: Int64?, why: String
        var description: String { why }
    }

    static let rows: [Row] = [
        Row(balance: 500, due: 2000, marker: nil, emit: true, newMarker: 500, why: "short, not warned: warn"),
        Row(balance: 0, due: 2000, marker: nil, emit: true, newMarker: 0, why: "empty, not warned: warn"),
        Row(balance: 500, due: 2000, marker: 500, emit: false, newMarker: 500, why: "short, warned at this balance: quiet"),
        Row(balance: 300, due: 2000, marker: 500, emit: false, newMarker: 300, why: "dropped further: quiet, marker follows down"),
        Row(balance: 400, due: 2000, marker: 300, emit: true, newMarker: 400, why: "rose (a credit) but still short: warn again"),
        Row(balance: 5000, due: 2000, marker: 300, emit: false, newMarker: nil, why: "rose above what is due: re-armed, quiet"),
        Row(balance: 2000, due: 2000, marker: nil, emit: false, newMarker: nil, why: "exactly enough is not low"),
        Row(balance: 1999, due: 2000, marker: nil, emit: true, newMarker: 1999, why: "one cent short is low"),
        Row(balance: 0, due: 0, marker: nil, emit: false, newMarker: nil, why: "nothing due: never low"),
        Row(balance: 100, due: 0, marker: 100, emit: false, newMarker: 100, why: "nothing due, warned: stays warned"),
        Row(balance: 100, due: 5500, marker: 100, emit: false, newMarker: 100, why: "more due, same balance: once only"),
    ]

    @Test("decision table", arguments: rows)
    func decide(row: Row) {
        let d = LowBalance.decide(balance: Cents(row.balance), due: Cents(row.due), marker: row.marker.map(Cents.init))
        #expect(d == LowBalanceDecision(emit: row.emit, marker: row.newMarker.map(Cents.init)))
    }

    @Test("a sequence of charges warns once, a credit re-arms it")
    func sequence() {
        var marker: Cents?
        var warnings = 0
        func step(_ balance: Int64, due: Int64 = 2000) {
            let d = LowBalance.decide(balance: Cents(balance), due: Cents(due), marker: marker)
            if d.emit { warnings += 1 }
            marker = d.marker
        }
        step(3000); step(1000); step(1000); step(0)
        #expect(warnings == 1)
        step(500)                 // credited $5: still short
        #expect(warnings == 2)
        step(10_000); step(8000)  // credited enough, then a charge
        #expect(warnings == 2 && marker == nil)
        step(1000)
        #expect(warnings == 3)
    }
}
