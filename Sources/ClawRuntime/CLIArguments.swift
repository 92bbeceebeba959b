import ClawCore

/// Builds the argv (without the binary) of every runtime call, per backend. Pure, so the exact
/// argv of both engines is unit-tested. Callers validate inputs first (`CLIRuntime` does).
public struct CLIArguments: Sendable, Equatable {
    public var backend: RuntimeBackend

    public init(backend: RuntimeBackend) {
        self.backend = backend
    }

    /// `--format` value printing one JSON document (podman) or one JSON object per line (docker).
    var jsonFormat: String { backend == .podman ? "json" : "{{json .}}" }

    public func version() -> [String] {
        ["version", "--format", jsonFormat]
    }

    // MARK: containers

    /// `create` (never `run`): the caller starts it separately, so a retried create can adopt.
    public func createContainer(_ spec: ContainerSpec) throws -> [String] {
        try Self.validate(spec)
        var argv = ["create", "--pull", "never", "--name", spec.name, "--restart", "no"]
        for (key, value) in spec.labels.sorted(by: { $0.key < $1.key }) {
            argv += ["--label", "\(key)=\(value)"]
        }
        for (key, value) in spec.environment.sorted(by: { $0.key < $1.key }) {
            argv += ["--env", "\(key)=\(value)"]
        }
        for mount in spec.volumes {
            argv += ["--volume", "\(mount.volume):\(mount.path)" + (mount.readOnly ? ":ro" : "")]
        }
        for bind in spec.binds {
            argv += ["--volume", "\(bind.hostPath):\(bind.containerPath)" + (bind.readOnly ? ":ro" : "")]
        }
        for (host, ip) in spec.extraHosts.sorted(by: { $0.key < $1.key }) { argv += ["--add-host", "\(host):\(ip)"] }
        if let network = spec.network { argv += ["--network", network] }
        if spec.interactive { argv.append("--interactive") }
        for port in spec.ports {
            argv += ["--publish", "\(port.hostIP):\(port.hostPort.map(String.init) ?? ""):\(port.containerPort)"]
        }
        if let memory = spec.memoryBytes { argv += ["--memory", String(memory)] }
        if let cpus = spec.cpus { argv += ["--cpus", String(cpus)] }
        if let pids = spec.pidsLimit { argv += ["--pids-limit", String(pids)] }
        if let entrypoint = spec.entrypoint { argv += ["--entrypoint", entrypoint] }
        argv.append(spec.image)
        argv += spec.command ?? []
        return argv
    }

    public func startContainer(_ name: String) -> [String] { ["start", name] }

    public func stopContainer(_ name: String, timeoutSeconds: Int) -> [String] {
        // docker 28 deprecates `--time` in favour of `--timeout`, which docker 20.10 lacks; `-t` is both.
        ["stop", backend == .podman ? "--time" : "-t", String(timeoutSeconds), name]
    }

    public func killContainer(_ name: String, signal: String) -> [String] {
        ["kill", "--signal", signal, name]
    }

    public func removeContainer(_ name: String, force: Bool) -> [String] {
        // podman's `rm --force` first waits the stop timeout (10 s); forcing means kill now.
        guard force else { return ["rm", name] }
        return backend == .podman ? ["rm", "--force", "--time", "0", name] : ["rm", "--force", name]
    }

    public func inspectContainer(_ name: String) -> [String] { ["container", "inspect", name] }

    public func listContainers(labels: [String: String]) -> [String] {
        ["ps", "--all", "--no-trunc", "--format", jsonFormat] + labelFilters(labels)
    }

    public func logs(_ name: String, tail: Int?, follow: Bool) -> [String] {
        var argv = ["logs"]
        if follow { argv.append("--follow") }
        if let tail { argv += ["--tail", String(tail)] }
        return argv + [name]
    }

    public func events(labels: [String: String], since: Timestamp? = nil) -> [String] {
        // Whole Unix seconds, rounded down (a replayed event too many is harmless, one too few is not).
        let from = since.map { ["--since", String($0.millis / 1000)] } ?? []
        return ["events", "--format", jsonFormat, "--filter", "type=container"] + labelFilters(labels) + from
    }

    // MARK: volumes

    public func createVolume(_ name: String, labels: [String: String]) -> [String] {
        var argv = ["volume", "create"]
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) { argv += ["--label", "\(key)=\(value)"] }
        return argv + [name]
    }

    public func inspectVolumes(_ names: [String]) -> [String] { ["volume", "inspect"] + names }

    /// podman prints full records; docker's `volume ls` lacks creation time, so it lists names
    /// only and the driver inspects them.
    public func listVolumes(labels: [String: String]) -> [String] {
        let format = backend == .podman ? ["--format", "json"] : ["--quiet"]
        return ["volume", "ls"] + format + labelFilters(labels)
    }

    public func removeVolume(_ name: String) -> [String] { ["volume", "rm", name] }

    public func podmanImportVolume(_ name: String, from path: String) -> [String] {
        ["volume", "import", name, path]
    }

    // MARK: networks

    /// podman's `isolate` option drops traffic to its other isolated networks; docker drops
    /// traffic between bridge networks without being asked.
    public func createNetwork(_ name: String, labels: [String: String], isolated: Bool) -> [String] {
        var argv = ["network", "create", "--driver", "bridge"]
        if isolated, backend == .podman { argv += ["--opt", "isolate=true"] }
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) { argv += ["--label", "\(key)=\(value)"] }
        return argv + [name]
    }

    public func inspectNetworks(_ names: [String]) -> [String] { ["network", "inspect"] + names }

    public func listNetworks(labels: [String: String]) -> [String] {
        ["network", "ls", "--format", "{{.Name}}"] + labelFilters(labels)
    }

    public func removeNetwork(_ name: String) -> [String] { ["network", "rm", name] }

    // MARK: images

    public func inspectImage(_ reference: String) -> [String] { ["image", "inspect", reference] }

    public func buildImage(tag: String, containerfile: String, context: String) -> [String] {
        let pull = backend == .podman ? ["--pull=never"] : []
        return ["build"] + pull + ["--tag", tag, "--file", containerfile, context]
    }

    public func removeImage(_ reference: String) -> [String] { ["image", "rm", reference] }

    // MARK: helpers

    func labelFilters(_ labels: [String: String]) -> [String] {
        labels.sorted(by: { $0.key < $1.key }).flatMap { ["--filter", "label=\($0.key)=\($0.value)"] }
    }

    static func validate(_ spec: ContainerSpec) throws {
        try RuntimeValidation.name(spec.name)
        try RuntimeValidation.image(spec.image)
        try validateLabels(spec.labels)
        for (key, value) in spec.environment {
            try RuntimeValidation.environmentKey(key)
            try RuntimeValidation.embeddedValue(value, param: "environment")
        }
        for mount in spec.volumes {
            try RuntimeValidation.name(mount.volume, param: "volumes")
            try RuntimeValidation.containerPath(mount.path)
        }
        for bind in spec.binds {
            try RuntimeValidation.bindHostPath(bind.hostPath)
            try RuntimeValidation.containerPath(bind.containerPath, param: "binds")
        }
        for (host, ip) in spec.extraHosts {
            try RuntimeValidation.hostname(host)
            try RuntimeValidation.hostIP(ip)
        }
        for port in spec.ports {
            try RuntimeValidation.hostIP(port.hostIP)
            try RuntimeValidation.port(port.containerPort)
            if let host = port.hostPort { try RuntimeValidation.port(host) }
        }
        if let memory = spec.memoryBytes, memory <= 0 {
            throw ClawError(.invalidArgument, "memory must be positive", param: "memoryBytes")
        }
        if let cpus = spec.cpus, !(cpus > 0 && cpus.isFinite) {
            throw ClawError(.invalidArgument, "cpus must be positive", param: "cpus")
        }
        if let pids = spec.pidsLimit, pids <= 0 {
            throw ClawError(.invalidArgument, "pids limit must be positive", param: "pidsLimit")
        }
        if let entrypoint = spec.entrypoint { try RuntimeValidation.entrypoint(entrypoint) }
        if let network = spec.network { try RuntimeValidation.name(network, param: "network") }
        try RuntimeValidation.command(spec.command ?? [])
    }

    static func validateLabels(_ labels: [String: String], param: String = "labels") throws {
        for (key, value) in labels {
            try RuntimeValidation.labelKey(key, param: param)
            try RuntimeValidation.embeddedValue(value, param: param)
        }
    }
}
