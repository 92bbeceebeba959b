import ClawCore

/// The workload: the instance image with the claim at the state dir, the Secret's file under it.
extension InstanceManifests {
    /// The annotation on the pod template a rebuild changes: a new value is a new template, so
    /// the Deployment replaces the pod (Recreate: the old one stops first).
    public static let generationAnnotation = RuntimeNames.generationLabel

    /// The Secret volume says `optional: false`, the API's default, explicitly: podman 4.3's
    /// `kube play` dereferences the field unchecked and crashes without it.
    static func deployment(_ input: InstanceWorkload, _ settings: KubernetesPlacement,
                           _ names: InstanceObjectNames) -> Deployment {
        let template = PodTemplateSpec(
            metadata: ObjectMeta(labels: labels(input),
                                 annotations: [generationAnnotation: String(input.generation)]),
            spec: PodSpec(
                containers: [container(input, settings)],
                volumes: [
                    Volume(name: InstanceObjectNames.dataVolume,
                           persistentVolumeClaim: .init(claimName: names.persistentVolumeClaim)),
                    Volume(name: InstanceObjectNames.secretsVolume,
                           secret: SecretVolumeSource(
                               secretName: names.secret, defaultMode: InstanceObjectNames.secretsFileMode,
                               items: [KeyToPath(key: InstanceObjectNames.secretsFile,
                                                 path: InstanceObjectNames.secretsFile)],
                               optional: false)),
                ],
                securityContext: settings.fsGroup.map { PodSecurityContext(fsGroup: $0) },
                restartPolicy: "Always", terminationGracePeriodSeconds: 30,
                automountServiceAccountToken: false, enableServiceLinks: false))
        return Deployment(
            metadata: meta(names.deployment, input, settings, owned: false),
            spec: DeploymentSpec(replicas: input.replicas, selector: LabelSelector(matchLabels: selectorLabels(input)),
                                 strategy: .recreate, template: template, revisionHistoryLimit: 2))
    }

    static func container(_ input: InstanceWorkload, _ settings: KubernetesPlacement) -> Container {
        let environment = input.environment.sorted { $0.key < $1.key }.map { EnvVar(name: $0.key, value: $0.value) }
        return Container(
            name: InstanceObjectNames.container, image: input.image,
            imagePullPolicy: settings.imagePullPolicy.rawValue, command: input.command,
            env: environment.isEmpty ? nil : environment,
            ports: [ContainerPort(name: InstanceObjectNames.portName, containerPort: input.port, protocol: "TCP")],
            resources: input.resources.requirements,
            volumeMounts: [
                VolumeMount(name: InstanceObjectNames.dataVolume, mountPath: input.stateDir),
                VolumeMount(name: InstanceObjectNames.secretsVolume,
                            mountPath: input.stateDir + "/" + InstanceObjectNames.secretsDirectory, readOnly: true),
            ],
            readinessProbe: Probe(tcpSocket: TCPSocketAction(port: .int(input.port)), initialDelaySeconds: 2,
                                  periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3),
            securityContext: SecurityContext(allowPrivilegeEscalation: false, privileged: false,
                                             capabilities: Capabilities(drop: ["ALL"])))
    }
}
