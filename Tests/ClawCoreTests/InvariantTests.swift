import ClawCore
import Testing

/// Properties that hold after any sequence of commands, checked over every sequence of three.
@Suite("Lifecycle invariants")
struct InvariantTests {
    static let times: [Timestamp] = [
        Fixture.now, Fixture.paidUntil, Fixture.paidUntil.adding(seconds: 8 * Fixture.day),
        Fixture.at("2027-01-01T00:00:00.000Z"),
    ]

    @Test("no command leaves FAILED or DELETED, at any time", arguments: [Fixture.State.failed, .deleted])
    func terminal(state: Fixture.State) {
        let before = Fixture.instance(state)
        for command in Fixture.commands {
            for now in Self.times {
                do {
                    let out = try Lifecycle.apply(before, command, now: now, policy: Fixture.policy)
                    #expect(out.isNoOp && out.instance == before, "\(state) + \(command)")
                } catch {
                    #expect(error.code == .conflict, "\(state) + \(command)")
                }
            }
        }
    }

    @Test("an error changes nothing and a no-op has no effects")
    func errorsAndNoOps() {
        for state in Fixture.State.allCases {
            for command in Fixture.commands {
                let before = Fixture.instance(state)
                if let out = try? Lifecycle.apply(before, command, now: Fixture.now, policy: Fixture.policy),
                   out.instance == before {
                    #expect(out.effects.isEmpty, "\(state) + \(command)")
                }
            }
        }
    }

    @Test("every sequence of three commands keeps the instance consistent", arguments: Fixture.State.allCases)
    func sequences(start: Fixture.State) {
        var visited = 0
        func walk(_ i: Instance, depth: Int) {
            guard depth > 0 else { return }
            for command in Fixture.commands {
                for now in Self.times {
                    guard let out = try? Lifecycle.apply(i, command, now: now, policy: Fixture.policy) else { continue }
                    visited += 1
                    check(before: i, after: out, command: command)
                    if !out.isNoOp { walk(out.instance, depth: depth - 1) }
                }
            }
        }
        walk(Fixture.instance(start), depth: 3)
        #expect(visited > 0)
    }

    func check(before: Instance, after out: LifecycleOutcome, command: LifecycleCommand) {
        let i = out.instance
        let where_ = "\(before.status)/\(String(describing: before.stopReason)) + \(command)"
        #expect((i.stopReason != nil) == (i.status == .stopped), "\(where_): stopReason")
        #expect(i.deleteAfter == nil || i.stopReason == .expired, "\(where_): deleteAfter")
        switch i.status {
        case .pending, .provisioning, .running: #expect(i.desired == .running, "\(where_)")
        case .stopped: #expect(i.desired == .stopped, "\(where_)")
        case .failed, .deleted: #expect(i.desired == .absent, "\(where_)")
        }
        if before.status.isTerminal { #expect(i == before, "\(where_): left a terminal state") }
        #expect(i.generation >= before.generation)
        #expect(i.totalPaid >= .zero)
        #expect(i.paidUntil >= before.paidUntil)
        #expect(i.id == before.id && i.orgID == before.orgID && i.subdomain == before.subdomain)
        let charged = out.effects.reduce(Cents.zero) { sum, e in
            if case .charge(let c) = e { return sum + c }
            if case .refund(let c) = e { return sum - c }
            return sum
        }
        #expect(i.totalPaid == before.totalPaid + charged, "\(where_): totalPaid follows the ledger")
    }
}
