import ClawCore
import Testing

/// Every (state × command) pair of docs/spec/lifecycle.md's transition table, written out.
@Suite("Transition table")
struct TransitionTableTests {
    enum Expect {
        case to(Fixture.State, Desired, [String])
        case conflict
        case error(ClawError.Code)
        case noOp
    }

    static let stopped = "event:instance.stopped"
    static let charged = ["charge", "event:billing.charged", "event:instance.renewed"]

    /// The table: state → command description → expectation. A missing cell is a test failure.
    static let table: [Fixture.State: [String: Expect]] = {
        typealias S = Fixture.State
        let live: [S] = [.pending, .provisioning, .running, .stoppedUser, .stoppedExpired, .stoppedQuota]
        var t: [S: [String: Expect]] = [:]
        for s in S.allCases {
            var row: [String: Expect] = [:]
            for c in Fixture.commands { row[c.description] = c.isRequest ? .conflict : .noOp }
            t[s] = row
        }
        for s in live {
            t[s]!["patch"] = .to(s, s.desired, ["event:instance.updated", "wake"])
            t[s]!["renew"] = .to(s, s.desired, charged + ["arm:expiry"])
            t[s]!["delete"] = .to(.deleted, .absent, ["event:instance.deleted", "disarm:expiry", "wake"])
            t[s]!["expire"] = .to(.stoppedExpired, .stopped,
                                  ["event:instance.expired", "arm:retention", "wake"])
        }
        for s in [S.pending, .provisioning] {
            t[s]!["provisioned"] = .to(.running, .running, ["event:instance.running"])
            t[s]!["provisioningFailed"] = .to(.provisioning, .running, ["event:instance.provisioning_retry"])
            t[s]!["provisioningFailed(final)"] = .to(.failed, .absent, [
                "refund", "event:billing.refunded", "event:instance.failed", "disarm:expiry", "wake"])
        }
        t[.pending]!["provisioningStarted"] = .to(.provisioning, .running, ["event:instance.provisioning"])

        t[.running]!["stop"] = .to(.stoppedUser, .stopped, [stopped, "wake"])
        t[.running]!["restart"] = .to(.running, .running, ["event:instance.restarted", "wake"])
        t[.running]!["rebuild"] = .to(.running, .running, ["event:instance.rebuilt", "wake"])
        t[.running]!["containerDied"] = .to(.running, .running, ["event:instance.unhealthy", "wake"])
        t[.running]!["healthProbe(fail)"] = .to(.running, .running, ["event:instance.unhealthy"])
        t[.running]!["diskOverLimit"] = .to(.stoppedQuota, .stopped, ["event:instance.disk_over_limit", stopped, "wake"])
        // healthProbe(ok) on a healthy instance changes nothing: stays .noOp.

        t[.stoppedUser]!["start"] = .to(.running, .running, ["event:instance.started", "wake"])
        t[.stoppedUser]!["rebuild"] = .to(.stoppedUser, .stopped, ["event:instance.rebuilt", "wake"])
        // Over quota: started again on request (stopped again if still over at the next measurement).
        t[.stoppedQuota]!["start"] = .to(.running, .running, ["event:instance.started", "wake"])
        t[.stoppedQuota]!["rebuild"] = .to(.stoppedQuota, .stopped, ["event:instance.rebuilt", "wake"])

        t[.stoppedExpired]!["start"] = .error(.insufficientBalance)
        t[.stoppedExpired]!["rebuild"] = .to(.stoppedExpired, .stopped, ["event:instance.rebuilt", "wake"])
        t[.stoppedExpired]!["renew"] = .to(.running, .running, charged + [
            "event:instance.started", "arm:expiry", "disarm:retention", "wake"])
        t[.stoppedExpired]!["delete"] = .to(.deleted, .absent, [
            "event:instance.deleted", "disarm:expiry", "disarm:retention", "wake"])
        t[.stoppedExpired]!["expire"] = .noOp
        t[.stoppedExpired]!["retention"] = .to(.deleted, .absent, ["event:instance.deleted", "wake"])
        return t
    }()

    static let cells: [(Fixture.State, LifecycleCommand)] =
        Fixture.State.allCases.flatMap { s in Fixture.commands.map { (s, $0) } }

    @Test("each state and command gives the tabled status, desired state and effects", arguments: cells)
    func cell(state: Fixture.State, command: LifecycleCommand) throws {
        let before = Fixture.instance(state)
        let now = Fixture.time(of: command, for: before)
        let expect = try #require(Self.table[state]?[command.description])
        let result = Result { () throws(ClawError) in try Lifecycle.apply(before, command, now: now, policy: Fixture.policy) }
        switch (expect, result) {
        case (.to(let to, let desired, let effects), .success(let out)):
            #expect(out.instance.status == to.status)
            #expect(out.instance.stopReason == to.stopReason)
            #expect(out.instance.desired == desired)
            #expect(out.effects.map(Fixture.name) == effects)
            #expect(out.instance.updatedAt == now)
            #expect(out.instance.id == before.id && out.instance.createdAt == before.createdAt)
        case (.noOp, .success(let out)):
            #expect(out.isNoOp)
            #expect(out.instance == before)
        case (.conflict, .failure(let error)):
            #expect(error.code == .conflict)
            #expect(error.message == "cannot \(command.verb) an instance in status \(before.status.rawValue)")
        case (.error(let code), .failure(let error)):
            #expect(error.code == code)
        default:
            Issue.record("\(state) + \(command): expected \(expect), got \(result)")
        }
    }

    @Test("the table covers exactly the eight states and every command")
    func coverage() {
        #expect(Self.table.count == 8)
        for (_, row) in Self.table { #expect(row.count == Fixture.commands.count) }
        #expect(Self.cells.count == 136)
    }
}
