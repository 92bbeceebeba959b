import ClawCore
import ClawKubernetes
import Foundation
import Testing

@Suite("Kubernetes render: the objects of one instance")
struct RenderObjectsTests {
    static let placement = RenderFixtures.placement

    @Test("every object carries the install, instance and generation labels and the namespace")
    func labels() {
        let objects = InstanceManifests.render(RenderFixtures.workload(generation: 7), settings: Self.placement)
        let expected = [RuntimeNames.installLabel: RenderFixtures.installID,
                        RuntimeNames.instanceLabel: RenderFixtures.instanceID, RuntimeNames.generationLabel: "7"]
        for object in objects.all {
            #expect(object.metadata.labels == expected, "\(type(of: object))")
            #expect(object.metadata.namespace == "clawd")
        }
        #expect(objects.deployment.spec?.template.metadata.labels == expected)
        #expect(objects.deployment.spec?.selector.matchLabels == InstanceManifests.selectorLabels(RenderFixtures.workload()))
        #expect(objects.service.spec?.selector == objects.deployment.spec?.selector.matchLabels)
    }

    @Test("Secret, Service and Ingress are owned by the Deployment once its uid is known; the claim never")
    func ownerReferences() {
        let owned = InstanceManifests.render(RenderFixtures.workload(), settings: Self.placement)
        let reference = OwnerReference(apiVersion: "apps/v1", kind: "Deployment",
                                       name: "clawd-\(RenderFixtures.instanceID)", uid: RenderFixtures.deploymentUID,
                                       controller: true, blockOwnerDeletion: nil)
        #expect(owned.secret.metadata.ownerReferences == [reference])
        #expect(owned.service.metadata.ownerReferences == [reference])
        #expect(owned.ingress?.metadata.ownerReferences == [reference])
        #expect(owned.deployment.metadata.ownerReferences == nil)
        #expect(owned.persistentVolumeClaim.metadata.ownerReferences == nil)

        let first = InstanceManifests.render(RenderFixtures.workload(deploymentUID: nil), settings: Self.placement)
        for object in first.all { #expect(object.metadata.ownerReferences == nil, "\(type(of: object))") }
    }

    @Test("requests and limits follow the tier", arguments: [
        (Tier.budget, "250m", "1", "1Gi"), (Tier.balanced, "250m", "1", "2Gi"), (Tier.pro, "500m", "2", "4Gi"),
    ])
    func tierResources(_ tier: Tier, _ cpuRequest: String, _ cpuLimit: String, _ memory: String) throws {
        let objects = InstanceManifests.render(RenderFixtures.workload(tier: tier), settings: Self.placement)
        let resources = try #require(objects.deployment.spec?.template.spec.containers.first?.resources)
        #expect(resources.requests == ["cpu": cpuRequest, "memory": memory])
        #expect(resources.limits == ["cpu": cpuLimit, "memory": memory])
        #expect(objects.persistentVolumeClaim.spec?.resources?.requests?["storage"] == VolumeSizes().size(tier))
    }

    @Test("the claim is ReadWriteOnce of the configured class and size; disk limits set the sizes")
    func claim() {
        let claim = InstanceManifests.render(RenderFixtures.workload(tier: .pro), settings: Self.placement).persistentVolumeClaim
        #expect(claim.spec?.accessModes == ["ReadWriteOnce"])
        #expect(claim.spec?.storageClassName == "fast-ssd")
        let sizes = VolumeSizes(diskLimits: DiskLimits(budgetMB: 512, balancedMB: 0, proMB: 3072))
        #expect(sizes == VolumeSizes(budget: "512Mi", balanced: "10Gi", pro: "3Gi"))
    }

    @Test("the container: image, pull policy, port 18789, readiness on it, volume at the state dir")
    func container() throws {
        var placement = Self.placement
        placement.imagePullPolicy = .always
        let deployment = InstanceManifests.render(RenderFixtures.workload(), settings: placement).deployment
        let pod = try #require(deployment.spec?.template.spec)
        let container = try #require(pod.containers.first)
        #expect(pod.containers.count == 1)
        #expect(container.image == "localhost/clawd-demo:latest")
        #expect(container.imagePullPolicy == "Always")
        #expect(container.ports == [ContainerPort(name: "gateway", containerPort: 18789, protocol: "TCP")])
        #expect(container.readinessProbe?.tcpSocket == TCPSocketAction(port: .int(18789)))
        #expect(container.volumeMounts?.first == VolumeMount(name: "data", mountPath: "/home/node/.openclaw"))
        #expect(pod.volumes?.first?.persistentVolumeClaim?.claimName == "clawd-\(RenderFixtures.instanceID)-data")
        #expect(container.env?.map(\.name) == ["CLAW_INSTANCE_ID", "CLAW_PORT", "CLAW_STATE_DIR", "CLAW_SUBDOMAIN"])
        #expect(container.securityContext?.allowPrivilegeEscalation == false)
        #expect(pod.automountServiceAccountToken == false)
        #expect(pod.securityContext == nil)
        placement.fsGroup = 1000
        let owned = InstanceManifests.render(RenderFixtures.workload(), settings: placement).deployment
        #expect(owned.spec?.template.spec.securityContext == PodSecurityContext(fsGroup: 1000))
    }

    @Test("the Service is a ClusterIP on 18789; the Ingress routes claw-<subdomain>.<domain> to it")
    func serviceAndIngress() throws {
        let objects = InstanceManifests.render(RenderFixtures.workload(), settings: Self.placement)
        #expect(objects.service.spec?.type == "ClusterIP")
        #expect(objects.service.spec?.ports == [ServicePort(name: "gateway", port: 18789, targetPort: .int(18789),
                                                            protocol: "TCP")])
        let ingress = try #require(objects.ingress)
        #expect(ingress.spec?.ingressClassName == "nginx")
        let rule = try #require(ingress.spec?.rules?.first)
        #expect(rule.host == "claw-my-bot.bots.example.com")
        #expect(rule.http?.paths.first?.backend.service == IngressServiceBackend(
            name: objects.service.metadata.name!, port: .init(number: 18789)))

        var placement = Self.placement
        placement.domain = nil
        #expect(InstanceManifests.render(RenderFixtures.workload(), settings: placement).ingress == nil)
    }
}
