import ClawCore
import ClawKubernetes
import Testing

@Suite("Kubernetes render: lifecycle states to objects")
struct RenderLifecycleTests {
    struct Row: Sendable, CustomStringConvertible {
        var status: InstanceStatus
        var desired: Desired
        var stopReason: StopReason?
        /// nil: the objects are deleted.
        var replicas: Int?
        var description: String { "\(status.rawValue)/\(stopReason?.rawValue ?? "-") -> \(replicas.map(String.init) ?? "delete")" }
    }

    static let rows: [Row] = [
        Row(status: .pending, desired: .running, replicas: 1),
        Row(status: .provisioning, desired: .running, replicas: 1),
        Row(status: .running, desired: .running, replicas: 1),
        Row(status: .stopped, desired: .stopped, stopReason: .user, replicas: 0),
        Row(status: .stopped, desired: .stopped, stopReason: .expired, replicas: 0),
        Row(status: .stopped, desired: .stopped, stopReason: .quota, replicas: 0),
        Row(status: .failed, desired: .absent, replicas: nil),
        Row(status: .deleted, desired: .absent, replicas: nil),
    ]

    @Test("each state applies the objects with its replicas, or deletes them", arguments: rows)
    func state(_ row: Row) throws {
        let instance = RenderFixtures.instance(row.status, desired: row.desired, stopReason: row.stopReason)
        let input = InstanceWorkload(instance: instance, installID: RenderFixtures.installID, environment: [:], imConfig: nil)
        let plan = InstanceManifests.plan(input, desired: instance.desired, settings: RenderFixtures.placement)
        switch (plan, row.replicas) {
        case (.apply(let objects), let replicas?):
            #expect(objects.deployment.spec?.replicas == replicas)
            #expect(objects.deployment.spec?.strategy == .recreate)
            // Stopping keeps everything but the pod: the claim and the Secret are still applied.
            #expect(objects.persistentVolumeClaim.metadata.name == "clawd-\(instance.id)-data")
            #expect(objects.secret.metadata.name == "clawd-\(instance.id)-secrets")
        case (.delete(let references), nil):
            #expect(references == InstanceManifests.deletion(instanceID: instance.id))
        default:
            Issue.record("\(row): got \(plan)")
        }
    }

    @Test("the workload of an instance follows its intent, not its status")
    func workloadFromInstance() {
        let pending = RenderFixtures.instance(.pending, desired: .running)
        #expect(InstanceWorkload(instance: pending, installID: "i", environment: [:], imConfig: nil).replicas == 1)
        let stopped = RenderFixtures.instance(.running, desired: .stopped)
        #expect(InstanceWorkload(instance: stopped, installID: "i", environment: [:], imConfig: nil).replicas == 0)
    }

    @Test("stop and start change the replicas and nothing else")
    func stopStart() {
        let running = RenderFixtures.workload(running: true)
        let stopped = InstanceManifests.stop(running, settings: RenderFixtures.placement)
        let started = InstanceManifests.start(RenderFixtures.workload(running: false), settings: RenderFixtures.placement)
        #expect(stopped.deployment.spec?.replicas == 0)
        #expect(started.deployment.spec?.replicas == 1)
        var scaledBack = stopped
        scaledBack.deployment.spec?.replicas = 1
        #expect(scaledBack == started)
    }

    @Test("rebuild is a new pod template on the same claim: generation annotation and label, image")
    func rebuild() {
        let before = InstanceManifests.render(RenderFixtures.workload(generation: 3), settings: RenderFixtures.placement)
        let after = InstanceManifests.rebuild(RenderFixtures.workload(generation: 3), generation: 4,
                                              image: "localhost/clawd-demo:v2", settings: RenderFixtures.placement)
        let template = after.deployment.spec?.template
        #expect(template?.metadata.annotations?[InstanceManifests.generationAnnotation] == "4")
        #expect(template?.metadata.labels?[RuntimeNames.generationLabel] == "4")
        #expect(template?.spec.containers.first?.image == "localhost/clawd-demo:v2")
        #expect(before.deployment.spec?.template != template)
        // The selector cannot change on a Deployment: it never carries the generation.
        #expect(after.deployment.spec?.selector == before.deployment.spec?.selector)
        #expect(after.deployment.spec?.selector.matchLabels?[RuntimeNames.generationLabel] == nil)
        #expect(after.persistentVolumeClaim.metadata.name == before.persistentVolumeClaim.metadata.name)
        #expect(after.persistentVolumeClaim.spec == before.persistentVolumeClaim.spec)
    }

    @Test("delete removes the workload first, then what it owns, and the claim last")
    func deletion() {
        let id = RenderFixtures.instanceID
        let references = InstanceManifests.deletion(instanceID: id)
        #expect(references.map(\.resource) == [.deployments, .secrets, .services, .ingresses, .persistentVolumeClaims])
        #expect(references.map(\.name) == ["clawd-\(id)", "clawd-\(id)-secrets", "clawd-\(id)", "clawd-\(id)",
                                           "clawd-\(id)-data"])
    }
}
