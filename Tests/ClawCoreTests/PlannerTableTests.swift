import ClawCore
import Testing

/// Hand-written rows of the planner: intent and observation in, runtime steps out.
@Suite("Planner table")
struct PlannerTableTests {
    typealias A = RuntimeAction
    static let gen = 3  // the fixtures' generation

    static func box(_ state: ContainerState, _ generation: Int? = gen) -> ObservedContainer {
        ObservedContainer(state: state, generation: generation, createdAt: Fixture.at("2026-03-01T00:00:00.000Z"))
    }

    struct Row: Sendable, CustomStringConvertible {
        var state: Fixture.State
        var observed: ObservedContainer?
        var volume: Bool
        var expected: [RuntimeAction]
        var description: String {
            "\(state) \(observed.map { "\($0.state)@\($0.generation.map(String.init) ?? "-")" } ?? "none") vol=\(volume)"
        }
    }

    static let create: [A] = [.createContainer(generation: gen), .startContainer]

    static let rows: [Row] = [
        // PENDING / PROVISIONING: provision, then mark running once the current container is seen running.
        Row(state: .pending, observed: nil, volume: false, expected: [.markProvisioning, .createVolume] + create),
        Row(state: .pending, observed: nil, volume: true, expected: [.markProvisioning] + create),
        Row(state: .pending, observed: box(.running), volume: true, expected: [.markProvisioning, .markRunning]),
        Row(state: .provisioning, observed: nil, volume: false, expected: [.createVolume] + create),
        Row(state: .provisioning, observed: nil, volume: true, expected: create),
        Row(state: .provisioning, observed: box(.created), volume: true, expected: [.startContainer]),
        Row(state: .provisioning, observed: box(.running), volume: true, expected: [.markRunning]),
        Row(state: .provisioning, observed: box(.created, 2), volume: true, expected: [.removeContainer] + create),
        Row(state: .provisioning, observed: box(.running), volume: false,
            expected: [.stopContainer, .removeContainer, .createVolume] + create),
        // RUNNING: keep the current generation running; replace an older one on the same volume.
        Row(state: .running, observed: box(.running), volume: true, expected: []),
        Row(state: .running, observed: nil, volume: true, expected: create),
        Row(state: .running, observed: nil, volume: false, expected: [.createVolume] + create),
        Row(state: .running, observed: box(.exited), volume: true, expected: [.startContainer]),
        Row(state: .running, observed: box(.stopped), volume: true, expected: [.startContainer]),
        Row(state: .running, observed: box(.created), volume: true, expected: [.startContainer]),
        Row(state: .running, observed: box(.running, 2), volume: true,
            expected: [.stopContainer, .removeContainer] + create),
        Row(state: .running, observed: box(.exited, 2), volume: true, expected: [.removeContainer] + create),
        Row(state: .running, observed: box(.running, nil), volume: true,
            expected: [.stopContainer, .removeContainer] + create),
        Row(state: .running, observed: box(.running, 4), volume: true,
            expected: [.stopContainer, .removeContainer] + create),
        Row(state: .running, observed: box(.dead), volume: true, expected: [.removeContainer] + create),
        Row(state: .running, observed: box(.unknown), volume: true, expected: [.removeContainer] + create),
        Row(state: .running, observed: box(.paused), volume: true,
            expected: [.stopContainer, .removeContainer] + create),
        Row(state: .running, observed: box(.restarting), volume: true, expected: []),
        Row(state: .running, observed: box(.removing), volume: true, expected: []),
        // STOPPED: no process; the volume stays; an older container is replaced, not started.
        Row(state: .stoppedUser, observed: box(.running), volume: true, expected: [.stopContainer]),
        Row(state: .stoppedUser, observed: box(.exited), volume: true, expected: []),
        Row(state: .stoppedUser, observed: nil, volume: true, expected: []),
        Row(state: .stoppedUser, observed: nil, volume: false, expected: []),
        Row(state: .stoppedUser, observed: box(.restarting), volume: true, expected: [.stopContainer]),
        Row(state: .stoppedUser, observed: box(.exited, 2), volume: true,
            expected: [.removeContainer, .createContainer(generation: gen)]),
        Row(state: .stoppedUser, observed: box(.running, 2), volume: true,
            expected: [.stopContainer, .removeContainer, .createContainer(generation: gen)]),
        Row(state: .stoppedUser, observed: box(.exited, 2), volume: false, expected: [.removeContainer]),
        Row(state: .stoppedExpired, observed: box(.running), volume: true, expected: [.stopContainer]),
        Row(state: .stoppedExpired, observed: box(.dead), volume: true, expected: []),
        Row(state: .stoppedExpired, observed: nil, volume: true, expected: []),
        // FAILED / DELETED: remove everything, then nothing is left to do.
        Row(state: .deleted, observed: box(.running), volume: true,
            expected: [.stopContainer, .removeContainer, .removeVolume]),
        Row(state: .deleted, observed: box(.exited, 1), volume: true, expected: [.removeContainer, .removeVolume]),
        Row(state: .deleted, observed: nil, volume: true, expected: [.removeVolume]),
        Row(state: .deleted, observed: nil, volume: false, expected: []),
        Row(state: .failed, observed: box(.created), volume: true, expected: [.removeContainer, .removeVolume]),
        Row(state: .failed, observed: box(.restarting), volume: false, expected: [.stopContainer, .removeContainer]),
        Row(state: .failed, observed: nil, volume: false, expected: []),
    ]

    @Test("each row plans exactly the listed steps", arguments: rows)
    func row(_ row: Row) {
        let plan = Planner.plan(instance: Fixture.instance(row.state), observed: row.observed,
                                volumeExists: row.volume, now: Fixture.now)
        #expect(plan == row.expected)
    }

    @Test("an instance whose paid period is over is never started, even before expiry fires")
    func unpaid() {
        let running = Fixture.instance(.running)
        let late = running.paidUntil
        #expect(Planner.plan(instance: running, observed: Self.box(.running), volumeExists: true, now: late)
            == [.stopContainer])
        #expect(Planner.plan(instance: running, observed: nil, volumeExists: true, now: late) == [])
        let pending = Fixture.instance(.pending)
        #expect(Planner.plan(instance: pending, observed: nil, volumeExists: false, now: late) == [])
    }

    @Test("the generation is read from the container's label")
    func observedFromInfo() {
        let info = ContainerInfo(id: "x", name: "clawd-c1", image: "img", state: .running,
                                 labels: [RuntimeNames.generationLabel: "7"], ports: [],
                                 createdAt: Fixture.now.date, exitCode: nil)
        let observed = ObservedContainer(info, generationLabel: RuntimeNames.generationLabel)
        #expect(observed == ObservedContainer(state: .running, generation: 7, createdAt: Fixture.now))
        #expect(ObservedContainer(info, generationLabel: "other").generation == nil)
    }
}
