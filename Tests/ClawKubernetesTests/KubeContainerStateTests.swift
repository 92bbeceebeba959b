import ClawCore
@testable import ClawKubernetes
import Foundation
import Testing

@Suite("a Deployment and its pods read as the engine's container")
struct KubeContainerStateTests {
    static func deployment(replicas: Int, generation: Int = 1, deleting: Bool = false) -> Deployment {
        var meta = ObjectMeta(name: "clawd-i1", labels: [RuntimeNames.instanceLabel: "i1",
                                                         RuntimeNames.generationLabel: String(generation)])
        meta.creationTimestamp = "2026-12-06T20:00:00Z"
        if deleting { meta.deletionTimestamp = "2026-12-06T20:05:00Z" }
        let template = PodTemplateSpec(metadata: ObjectMeta(labels: [RuntimeNames.generationLabel: String(generation)]),
                                       spec: PodSpec(containers: [Container(name: "instance", image: "img:1")]))
        return Deployment(metadata: meta, spec: DeploymentSpec(replicas: replicas, selector: LabelSelector(matchLabels: [:]),
                                                               template: template))
    }

    static func pod(generation: Int = 1, phase: String?, state: ContainerStateInfo?, last: ContainerStateInfo? = nil,
                    ip: String? = "10.0.0.7") -> Pod {
        Pod(metadata: ObjectMeta(name: "p\(generation)", labels: [RuntimeNames.generationLabel: String(generation)]),
            status: PodStatus(phase: phase, containerStatuses: state.map {
                [ContainerStatus(name: "instance", state: $0, lastState: last)]
            }, podIP: ip))
    }

    static let running = ContainerStateInfo(running: .init(startedAt: "2026-12-06T20:01:00Z"))
    static let crashed = ContainerStateInfo(terminated: .init(exitCode: 3))
    static let backOff = ContainerStateInfo(waiting: .init(reason: "CrashLoopBackOff"))

    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var deployment: Deployment
        var pods: [Pod]
        var state: ContainerState
        var exitCode: Int?
    }

    static let cases: [Case] = [
        Case(description: "0 replicas: exited", deployment: deployment(replicas: 0), pods: [], state: .exited),
        Case(description: "0 replicas, pod still going: exited", deployment: deployment(replicas: 0),
             pods: [pod(phase: "Running", state: running)], state: .exited),
        Case(description: "1 replica, no pod yet: created", deployment: deployment(replicas: 1), pods: [], state: .created),
        Case(description: "pending pod: created", deployment: deployment(replicas: 1),
             pods: [pod(phase: "Pending", state: nil)], state: .created),
        Case(description: "container running: running", deployment: deployment(replicas: 1),
             pods: [pod(phase: "Running", state: running)], state: .running),
        Case(description: "only an old generation's pod: created", deployment: deployment(replicas: 1, generation: 2),
             pods: [pod(generation: 1, phase: "Running", state: running)], state: .created),
        Case(description: "crash loop: restarting with the last exit code", deployment: deployment(replicas: 1),
             pods: [pod(phase: "Running", state: backOff, last: crashed)], state: .restarting, exitCode: 3),
        Case(description: "failed pod: exited with its code", deployment: deployment(replicas: 1),
             pods: [pod(phase: "Failed", state: crashed)], state: .exited, exitCode: 3),
        Case(description: "deleting Deployment: removing", deployment: deployment(replicas: 1, deleting: true),
             pods: [pod(phase: "Running", state: running)], state: .removing),
    ]

    @Test("state and exit code", arguments: cases)
    func state(_ c: Case) {
        let info = KubeContainerState.info(c.deployment, pods: c.pods)
        #expect(info.state == c.state)
        #expect(info.exitCode == c.exitCode)
        #expect(info.name == "clawd-i1")
        #expect(info.labels[RuntimeNames.generationLabel] != nil)
        #expect(info.address == (c.state == .running ? "10.0.0.7" : nil))
    }

    @Test("watch events become the engine's runtime events")
    func events() {
        let dying = Self.pod(phase: "Running", state: Self.crashed)
        #expect(KubeEvents.events(WatchEvent<Pod>.modified(dying)).map(\.action) == ["die"])
        #expect(KubeEvents.events(WatchEvent<Pod>.modified(dying)).first?.exitCode == 3)
        #expect(KubeEvents.events(WatchEvent<Pod>.modified(Self.pod(phase: "Running", state: Self.backOff, last: Self.crashed)))
            .map(\.action) == ["restart"])
        #expect(KubeEvents.events(WatchEvent<Pod>.added(Self.pod(phase: "Running", state: Self.running))).map(\.action) == ["start"])
        #expect(KubeEvents.events(WatchEvent<Pod>.deleted(Self.pod(phase: "Running", state: Self.running))).map(\.action)
            == ["remove"])
        #expect(KubeEvents.events(WatchEvent<Deployment>.relisted([])).map(\.action) == [RuntimeEvent.relisted])
        #expect(KubeEvents.events(WatchEvent<Deployment>.modified(Self.deployment(replicas: 1))).isEmpty)
    }

    @Test("followed logs hand on only the lines after the last one seen")
    func newLines() {
        let seen: [Substring] = ["a", "b", "c"]
        #expect(Array(KubernetesInstanceRuntime.newLines(["b", "c", "d", "e"], after: seen)) == ["d", "e"])
        #expect(Array(KubernetesInstanceRuntime.newLines(["x", "y"], after: seen)) == ["x", "y"])
        #expect(Array(KubernetesInstanceRuntime.newLines(["a"], after: [])) == ["a"])
    }
}
