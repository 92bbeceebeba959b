import ClawCore
import Testing

/// Runs the planner against a simulated runtime from every starting point and checks that the
/// worker's loop converges to the intent without an illegal step.
@Suite("Planner convergence")
struct PlannerConvergenceTests {
    struct World {
        var instance: Instance
        var container: ObservedContainer?
        var volume: Bool
    }

    static let observations: [ObservedContainer?] = [nil] + [ContainerState.created, .running, .paused, .restarting,
        .exited, .stopped, .dead, .removing, .unknown].flatMap { state in
            [3, 2, nil].map { ObservedContainer(state: state, generation: $0, createdAt: Fixture.now) }
        }

    static var instances: [Instance] {
        var unpaidRunning = Fixture.instance(.running)
        unpaidRunning.paidUntil = Fixture.now
        var unpaidPending = Fixture.instance(.pending)
        unpaidPending.paidUntil = Fixture.now.adding(seconds: -1)
        return Fixture.State.allCases.map(Fixture.instance) + [unpaidRunning, unpaidPending]
    }

    /// Executes one step, recording an issue if a precondition a real runtime needs is broken.
    static func execute(_ action: RuntimeAction, _ w: inout World) {
        let gen = w.instance.generation
        switch action {
        case .markProvisioning:
            w.instance = (try? Lifecycle.apply(w.instance, .provisioningStarted, now: Fixture.now))?.instance ?? w.instance
            #expect(w.instance.status == .provisioning)
        case .createVolume:
            #expect(!w.volume, "volume created twice")
            w.volume = true
        case .createContainer(let g):
            #expect(w.container == nil && w.volume && g == gen, "container created over another or without volume")
            w.container = ObservedContainer(state: .created, generation: g, createdAt: Fixture.now)
        case .startContainer:
            #expect(w.container?.generation == gen, "started a missing or stale container")
            w.container?.state = .running
        case .stopContainer:
            #expect(w.container?.isUp == true, "stopped a container that is not up")
            w.container?.state = .exited
        case .removeContainer:
            #expect(w.container != nil && w.container?.isUp == false, "removed a running or missing container")
            w.container = nil
        case .removeVolume:
            #expect(w.container == nil && w.volume, "removed a volume in use or missing")
            w.volume = false
        case .markRunning:
            #expect(w.container?.state == .running && w.container?.generation == gen)
            w.instance = (try? Lifecycle.apply(w.instance, .provisioned, now: Fixture.now))?.instance ?? w.instance
        }
    }

    @Test("from every instance, observation and volume, the loop converges to the intent within three passes")
    func converges() {
        var cases = 0
        for instance in Self.instances {
            for observed in Self.observations {
                for volume in [false, true] {
                    cases += 1
                    check(World(instance: instance, container: observed, volume: volume))
                }
            }
        }
        #expect(cases == 10 * 28 * 2)
    }

    func check(_ start: World) {
        var w = start
        var passes = 0
        while passes < 4 {
            let plan = Planner.plan(instance: w.instance, observed: w.container, volumeExists: w.volume, now: Fixture.now)
            if plan.isEmpty {
                // The engine finishes a transient state on its own and its event wakes the worker again.
                if w.container?.state == .restarting { w.container?.state = .running; continue }
                if w.container?.state == .removing { w.container = nil; continue }
                break
            }
            passes += 1
            for action in plan { Self.execute(action, &w) }
        }
        let i = w.instance
        let label = "\(start.instance.status) \(start.container.map { "\($0.state)@\(String(describing: $0.generation))" } ?? "none") vol=\(start.volume)"
        #expect(passes <= 3, "\(label): took \(passes) passes")
        if i.status.isTerminal || i.desired == .absent {
            #expect(w.container == nil && !w.volume, "\(label)")
        } else if i.desired == .running && i.paidUntil > Fixture.now {
            #expect(w.volume && w.container?.state == .running && w.container?.generation == i.generation, "\(label)")
            #expect(i.status == .running, "\(label)")
        } else {
            #expect(w.volume == start.volume, "\(label): a stopped instance's volume is neither made nor removed")
            #expect(w.container == nil || (w.container?.generation == i.generation && w.container?.isUp == false),
                    "\(label)")
        }
    }
}
