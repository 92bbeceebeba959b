import ClawCore
import Testing

@testable import ClawRuntime

@Suite("argv building and validation before any runtime call")
struct ArgumentTests {
    static let spec = ContainerSpec(
        name: "clawd-i1", image: "localhost/clawd-demo:latest",
        labels: [RuntimeNames.instanceLabel: "i1", RuntimeNames.generationLabel: "2"],
        environment: ["CLAW_PORT": "18789", "A": "x=y"],
        volumes: [VolumeMount(volume: "clawd-i1-data", path: "/home/node/.openclaw")],
        ports: [PortPublish(hostPort: nil, containerPort: 18789), PortPublish(hostPort: 20001, containerPort: 9000)],
        memoryBytes: 536_870_912, cpus: 0.5, pidsLimit: 256, command: ["-c", "echo hi"], entrypoint: "/bin/sh")

    @Test("create builds the same argv on both engines: no pull, no restart policy, image before command",
          arguments: RuntimeBackend.allCases)
    func create(backend: RuntimeBackend) throws {
        let argv = try CLIArguments(backend: backend).createContainer(Self.spec)
        #expect(argv == [
            "create", "--pull", "never", "--name", "clawd-i1", "--restart", "no",
            "--label", "\(RuntimeNames.generationLabel)=2", "--label", "\(RuntimeNames.instanceLabel)=i1",
            "--env", "A=x=y", "--env", "CLAW_PORT=18789",
            "--volume", "clawd-i1-data:/home/node/.openclaw",
            "--publish", "127.0.0.1::18789", "--publish", "127.0.0.1:20001:9000",
            "--memory", "536870912", "--cpus", "0.5", "--pids-limit", "256",
            "--entrypoint", "/bin/sh", "localhost/clawd-demo:latest", "-c", "echo hi",
        ])
    }

    @Test("engine differences: list/events format, stop flag, forced remove, volume listing")
    func differences() {
        let podman = CLIArguments(backend: .podman)
        let docker = CLIArguments(backend: .docker)
        let labels = [RuntimeNames.installLabel: "x", RuntimeNames.instanceLabel: "i1"]
        #expect(podman.listContainers(labels: labels) == [
            "ps", "--all", "--no-trunc", "--format", "json",
            "--filter", "label=\(RuntimeNames.installLabel)=x", "--filter", "label=\(RuntimeNames.instanceLabel)=i1",
        ])
        #expect(docker.listContainers(labels: [:]) == ["ps", "--all", "--no-trunc", "--format", "{{json .}}"])
        #expect(podman.events(labels: ["k": "v"]) == [
            "events", "--format", "json", "--filter", "type=container", "--filter", "label=k=v",
        ])
        #expect(docker.events(labels: [:]) == ["events", "--format", "{{json .}}", "--filter", "type=container"])
        #expect(docker.events(labels: [:], since: Timestamp(millis: 1_700_000_000_042)) == [
            "events", "--format", "{{json .}}", "--filter", "type=container", "--since", "1700000000",
        ])
        #expect(podman.events(labels: [:], since: Timestamp(millis: 1_700_000_001_500)).suffix(2) == ["--since", "1700000001"])
        #expect(podman.stopContainer("c", timeoutSeconds: 5) == ["stop", "--time", "5", "c"])
        #expect(docker.stopContainer("c", timeoutSeconds: 5) == ["stop", "-t", "5", "c"])
        #expect(podman.removeContainer("c", force: true) == ["rm", "--force", "--time", "0", "c"])
        #expect(docker.removeContainer("c", force: true) == ["rm", "--force", "c"])
        #expect(podman.removeContainer("c", force: false) == ["rm", "c"])
        #expect(podman.listVolumes(labels: [:]) == ["volume", "ls", "--format", "json"])
        #expect(docker.listVolumes(labels: ["a": "b"]) == ["volume", "ls", "--quiet", "--filter", "label=a=b"])
        #expect(podman.buildImage(tag: "t:1", containerfile: "/c/Containerfile", context: "/c")
            == ["build", "--pull=never", "--tag", "t:1", "--file", "/c/Containerfile", "/c"])
        #expect(docker.buildImage(tag: "t:1", containerfile: "/c/Containerfile", context: "/c")
            == ["build", "--tag", "t:1", "--file", "/c/Containerfile", "/c"])
        #expect(podman.logs("c", tail: 10, follow: true) == ["logs", "--follow", "--tail", "10", "c"])
        #expect(podman.podmanImportVolume("v", from: "/tmp/a.tar") == ["volume", "import", "v", "/tmp/a.tar"])
    }

    @Test("bad names are refused before any argv", arguments: ["-rm", "a b", "", "x/y", "a:b", "é", String(repeating: "a", count: 129), "--privileged"])
    func badNames(name: String) {
        var spec = Self.spec
        spec.name = name
        #expect(throws: ClawError.self) { try CLIArguments(backend: .podman).createContainer(spec) }
        let error = #expect(throws: ClawError.self) { try RuntimeValidation.name(name) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.param == "name")
    }

    @Test("good names pass", arguments: ["clawd-i1", "a", "A9_.-z", String(repeating: "a", count: 128)])
    func goodNames(name: String) throws {
        try RuntimeValidation.name(name)
    }

    @Test("every flag-like or line-breaking value is refused with its field")
    func badValues() {
        let cases: [(String, (inout ContainerSpec) -> Void)] = [
            ("image", { $0.image = "-v" }),
            ("image", { $0.image = "img name" }),
            ("labels", { $0.labels = ["-x": "1"] }),
            ("labels", { $0.labels = ["k=": "1"] }),
            ("labels", { $0.labels = ["k": "a\nb"] }),
            ("environment", { $0.environment = ["-E": "1"] }),
            ("environment", { $0.environment = ["1A": "1"] }),
            ("environment", { $0.environment = ["A": "x\u{0}y"] }),
            ("volumes", { $0.volumes = [VolumeMount(volume: "-v", path: "/data")] }),
            ("volumes", { $0.volumes = [VolumeMount(volume: "v", path: "relative")] }),
            ("volumes", { $0.volumes = [VolumeMount(volume: "v", path: "/a:/b")] }),
            ("ports", { $0.ports = [PortPublish(hostIP: "-p", hostPort: nil, containerPort: 80)] }),
            ("ports", { $0.ports = [PortPublish(hostPort: 70000, containerPort: 80)] }),
            ("memoryBytes", { $0.memoryBytes = 0 }),
            ("cpus", { $0.cpus = -1 }),
            ("pidsLimit", { $0.pidsLimit = 0 }),
            ("entrypoint", { $0.entrypoint = "--privileged" }),
            ("command", { $0.command = ["a\u{0}"] }),
        ]
        for (param, mutate) in cases {
            var spec = Self.spec
            mutate(&spec)
            let error = #expect(throws: ClawError.self, "\(param)") {
                try CLIArguments(backend: .docker).createContainer(spec)
            }
            #expect(error?.code == .invalidArgument)
            #expect(error?.param == param)
        }
    }

    @Test("adoption needs the same instance and generation labels")
    func adoption() {
        let wanted = [RuntimeNames.instanceLabel: "i1", RuntimeNames.generationLabel: "2", "other": "x"]
        #expect(CLIRuntime.adoptable(existing: [RuntimeNames.instanceLabel: "i1", RuntimeNames.generationLabel: "2"], wanted: wanted))
        #expect(!CLIRuntime.adoptable(existing: [RuntimeNames.instanceLabel: "i1", RuntimeNames.generationLabel: "1"], wanted: wanted))
        #expect(!CLIRuntime.adoptable(existing: [RuntimeNames.instanceLabel: "i2", RuntimeNames.generationLabel: "2"], wanted: wanted))
        #expect(!CLIRuntime.adoptable(existing: [:], wanted: [:]))
    }

    @Test("the engines' not-found and conflict messages are recognised")
    func messages() {
        #expect(CLIRuntime.isNotFound("Error: no container with name or ID \"x\" found: no such container"))
        #expect(CLIRuntime.isNotFound("Error response from daemon: No such container: x"))
        #expect(CLIRuntime.isNotFound("Error: inspecting object: localhost/x:1: image not known"))
        #expect(CLIRuntime.isNotFound("Error: no volume with name \"v\" found: no such volume"))
        #expect(!CLIRuntime.isNotFound("Error: permission denied"))
        #expect(CLIRuntime.isNameConflict("Error: creating container storage: the container name \"pt1\" is already in use by c2"))
        #expect(CLIRuntime.isNameConflict("Conflict. The container name \"/dt1\" is already in use by container \"64e\""))
        #expect(CLIRuntime.isAlreadyExists("Error: volume with name pv1x already exists: volume already exists"))
    }
}
