import ClawCore
import Testing

@Suite("Request and report rules")
struct RequestRulesTests {
    let policy = Fixture.policy

    @Test("rebuild, restart and patch bump the generation; stop and start do not")
    func generations() throws {
        let running = Fixture.instance(.running)
        for (command, bump) in [(LifecycleCommand.rebuild(), 1), (.restart, 1),
                                (.patch(defaultModel: nil, hasIMConfig: false), 1), (.stop, 0)] {
            let out = try Lifecycle.apply(running, command, now: Fixture.now, policy: policy)
            #expect(out.instance.generation == running.generation + bump, "\(command)")
        }
        let started = try Lifecycle.apply(Fixture.instance(.stoppedUser), .start, now: Fixture.now, policy: policy)
        #expect(started.instance.generation == 3)
    }

    @Test("rebuild takes the image it is given and refuses a malformed one")
    func rebuildImage() throws {
        let out = try Lifecycle.apply(Fixture.instance(.running), .rebuild(image: "localhost/clawd-demo:v2"),
                                      now: Fixture.now, policy: policy)
        #expect(out.instance.image == "localhost/clawd-demo:v2")
        #expect { try Lifecycle.apply(Fixture.instance(.running), .rebuild(image: "-rm"), now: Fixture.now) }
            throws: { ($0 as? ClawError)?.param == "image" }
    }

    @Test("patch stores the config, validates the model and is not counted as a rebuild")
    func patch() throws {
        let running = Fixture.instance(.running)
        let out = try Lifecycle.apply(running, .patch(defaultModel: nil, hasIMConfig: true), now: Fixture.now)
        #expect(out.instance.defaultModel == nil && out.instance.hasIMConfig)
        #expect(out.instance.rebuildsOnDay == running.rebuildsOnDay && out.instance.rebuildDay == running.rebuildDay)
        let long = String(repeating: "m", count: 101)
        #expect { try Lifecycle.apply(running, .patch(defaultModel: long, hasIMConfig: false), now: Fixture.now) }
            throws: { ($0 as? ClawError)?.code == .invalidArgument && ($0 as? ClawError)?.param == "defaultModel" }
    }

    @Test("a conflict names the current status")
    func conflictMessage() {
        #expect { try Lifecycle.apply(Fixture.instance(.pending), .rebuild(), now: Fixture.now) }
            throws: { ($0 as? ClawError)?.message == "cannot rebuild an instance in status PENDING" }
        #expect { try Lifecycle.apply(Fixture.instance(.deleted), .patch(defaultModel: nil, hasIMConfig: false),
                                      now: Fixture.now) }
            throws: { ($0 as? ClawError)?.message == "cannot update an instance in status DELETED" }
    }

    @Test("each container death is an event; a passing probe makes it healthy once")
    func deathsAndProbes() throws {
        var i = Fixture.instance(.running)
        for _ in 0..<3 {
            let out = try Lifecycle.apply(i, .containerDied, now: Fixture.now)
            #expect(out.effects == [.event(type: "instance.unhealthy"), .wakeWorker])
            i = out.instance
        }
        #expect(i.healthStatus == .unhealthy && i.status == .running)
        let healthy = try Lifecycle.apply(i, .healthProbe(ok: true), now: Fixture.now)
        #expect(healthy.instance.healthStatus == .healthy && healthy.effects == [.event(type: "instance.healthy")])
        #expect(try Lifecycle.apply(healthy.instance, .healthProbe(ok: true), now: Fixture.now).isNoOp)
    }

    @Test("a stopped instance's death or probe is ignored")
    func stoppedReports() throws {
        let stopped = Fixture.instance(.stoppedUser)
        #expect(try Lifecycle.apply(stopped, .containerDied, now: Fixture.now).isNoOp)
        #expect(try Lifecycle.apply(stopped, .healthProbe(ok: false), now: Fixture.now).isNoOp)
    }

    @Test("start, stop and delete reset health to unknown and delete clears the deadlines")
    func deleteClears() throws {
        let out = try Lifecycle.apply(Fixture.instance(.stoppedExpired), .delete, now: Fixture.now)
        #expect(out.instance.deleteAfter == nil && out.instance.stopReason == nil)
        #expect(out.instance.healthStatus == .unknown && out.instance.totalPaid == Cents(2000))
        #expect(!out.effects.contains { if case .refund = $0 { return true } else { return false } })
    }
}
