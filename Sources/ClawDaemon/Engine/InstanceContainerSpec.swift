import ClawCore

/// The container and volume of an instance as docs/spec/runtime.md describes them. Only non-secret
/// settings go into the environment: everything here is visible in `podman inspect`.
enum InstanceContainerSpec {
    static func labels(_ instanceID: String, config: EngineConfig) -> [String: String] {
        [RuntimeNames.installLabel: config.installID, RuntimeNames.instanceLabel: instanceID]
    }

    static func make(_ instance: Instance, config: EngineConfig) -> ContainerSpec {
        var labels = labels(instance.id, config: config)
        labels[RuntimeNames.generationLabel] = String(instance.generation)
        var environment = [
            "CLAW_INSTANCE_ID": instance.id,
            "CLAW_SUBDOMAIN": instance.subdomain,
            "CLAW_STATE_DIR": config.stateDir,
            "CLAW_PORT": String(config.instancePort),
        ]
        if let model = instance.defaultModel { environment["CLAW_DEFAULT_MODEL"] = model }
        return ContainerSpec(
            name: RuntimeNames.container(instance.id), image: instance.image, labels: labels,
            environment: environment,
            volumes: [VolumeMount(volume: RuntimeNames.volume(instance.id), path: config.stateDir)],
            ports: [PortPublish(hostIP: "127.0.0.1", hostPort: instance.hostPort, containerPort: config.instancePort)],
            memoryBytes: instance.tier.memoryBytes, cpus: instance.tier.cpus, pidsLimit: config.pidsLimit)
    }
}
