import ClawCore
import Foundation

/// The pure mapping of an instance to its Kubernetes objects (docs/spec/runtime.md labels, one
/// PVC, one Secret, one Deployment of 0 or 1 replica, one Service, an optional Ingress).
public enum InstanceManifests {
    public static func render(_ input: InstanceWorkload, settings: KubernetesPlacement) -> InstanceObjects {
        let names = InstanceObjectNames(instanceID: input.instanceID)
        return InstanceObjects(
            persistentVolumeClaim: persistentVolumeClaim(input, settings, names),
            secret: secret(input, settings, names),
            deployment: deployment(input, settings, names),
            service: service(input, settings, names),
            ingress: ingress(input, settings, names))
    }

    /// `io.clawd.install`, `io.clawd.instance`, `io.clawd.generation`: on every object and the pod.
    public static func labels(_ input: InstanceWorkload) -> [String: String] {
        var labels = selectorLabels(input)
        labels[RuntimeNames.generationLabel] = String(input.generation)
        return labels
    }

    /// The Deployment's selector and the Service's: install and instance only, since a selector
    /// cannot change and the generation does.
    public static func selectorLabels(_ input: InstanceWorkload) -> [String: String] {
        [RuntimeNames.installLabel: input.installID, RuntimeNames.instanceLabel: input.instanceID]
    }

    /// `installLabel=<install>`: every instance object of this install, for lists and watches.
    public static func installSelector(installID: String) -> String {
        "\(RuntimeNames.installLabel)=\(installID)"
    }

    static func meta(_ name: String, _ input: InstanceWorkload, _ settings: KubernetesPlacement,
                     owned: Bool) -> ObjectMeta {
        ObjectMeta(name: name, namespace: settings.namespace, labels: labels(input),
                   ownerReferences: owned ? owner(input) : nil)
    }

    /// The Deployment as owner once its uid is known; the garbage collector then deletes the
    /// owned object with it. No `blockOwnerDeletion`: clawd never waits on a foreground delete,
    /// and setting it needs `update` on `deployments/finalizers` where the
    /// OwnerReferencesPermissionEnforcement admission plugin runs, a right the Role leaves out.
    static func owner(_ input: InstanceWorkload) -> [OwnerReference]? {
        guard let uid = input.deploymentUID else { return nil }
        let resource = Deployment.resource
        return [OwnerReference(apiVersion: resource.apiVersion, kind: resource.kind,
                               name: InstanceObjectNames(instanceID: input.instanceID).deployment, uid: uid,
                               controller: true, blockOwnerDeletion: nil)]
    }

    static func persistentVolumeClaim(_ input: InstanceWorkload, _ settings: KubernetesPlacement,
                                      _ names: InstanceObjectNames) -> PersistentVolumeClaim {
        PersistentVolumeClaim(
            metadata: meta(names.persistentVolumeClaim, input, settings, owned: false),
            spec: PersistentVolumeClaimSpec(
                accessModes: [PersistentVolumeClaimSpec.readWriteOnce], storageClassName: settings.storageClass,
                resources: ResourceRequirements(
                    requests: ["storage": input.volumeSize ?? settings.volumeSizes.size(input.tier)])))
    }

    static func secret(_ input: InstanceWorkload, _ settings: KubernetesPlacement,
                       _ names: InstanceObjectNames) -> Secret {
        Secret(metadata: meta(names.secret, input, settings, owned: true),
               data: [InstanceObjectNames.secretsFile: Data(input.imConfig.json.utf8)])
    }

    static func service(_ input: InstanceWorkload, _ settings: KubernetesPlacement,
                        _ names: InstanceObjectNames) -> Service {
        Service(metadata: meta(names.service, input, settings, owned: true),
                spec: ServiceSpec(selector: selectorLabels(input), ports: [
                    ServicePort(name: InstanceObjectNames.portName, port: input.port,
                                targetPort: .int(input.port), protocol: "TCP"),
                ]))
    }

    /// `claw-<subdomain>.<domain>` to the Service; nil without a domain.
    static func ingress(_ input: InstanceWorkload, _ settings: KubernetesPlacement,
                        _ names: InstanceObjectNames) -> Ingress? {
        guard let domain = settings.domain else { return nil }
        let backend = IngressBackend(service: IngressServiceBackend(
            name: names.service, port: .init(number: input.port)))
        return Ingress(metadata: meta(names.ingress, input, settings, owned: true),
                       spec: IngressSpec(ingressClassName: settings.ingressClass, rules: [
                           IngressRule(host: host(subdomain: input.subdomain, domain: domain),
                                       http: HTTPIngressRuleValue(paths: [
                                           HTTPIngressPath(path: "/", pathType: "Prefix", backend: backend),
                                       ])),
                       ]))
    }

    /// The host an instance answers on behind the Ingress.
    public static func host(subdomain: String, domain: String) -> String {
        "claw-\(subdomain).\(domain)"
    }
}
