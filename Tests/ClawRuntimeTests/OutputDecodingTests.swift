import ClawCore
import Foundation
import Testing

@testable import ClawRuntime

@Suite("Decoding the engines' JSON into the core types")
struct OutputDecodingTests {
    @Test("podman ps decodes state, labels, bound ports, creation time and exit code")
    func podmanPS() throws {
        let containers = try PodmanJSON.containers(PodmanFixtures.ps)
        try #require(containers.count == 2)
        let running = containers[0]
        #expect(running.name == "pt1")
        #expect(running.state == .running)
        #expect(running.labels["a"] == "b" && running.labels["c"] == "d")
        #expect(running.ports == [PortPublish(hostIP: "127.0.0.1", hostPort: 40397, containerPort: 8080)])
        #expect(running.createdAt == Date(timeIntervalSince1970: 1_795_596_597))
        #expect(running.exitCode == nil)
        #expect(running.image == "localhost/devtest:1")
        let exited = containers[1]
        #expect(exited.state == .exited)
        #expect(exited.exitCode == 3)
        #expect(exited.ports.isEmpty)
        #expect(try PodmanJSON.containers("[]\n").isEmpty)
        #expect(try PodmanJSON.containers("").isEmpty)
    }

    @Test("docker ps lines decode label strings, port strings and its CreatedAt format")
    func dockerPS() throws {
        let containers = try DockerJSON.containers(DockerFixtures.ps)
        try #require(containers.count == 2)
        let exited = containers[0]
        #expect(exited.name == "dt2")
        #expect(exited.state == .exited)
        #expect(exited.exitCode == 3)
        #expect(exited.labels == ["a": "b"])
        let running = containers[1]
        #expect(running.state == .running)
        #expect(running.labels == ["a": "b", "c": "d"])
        #expect(running.ports == [PortPublish(hostIP: "127.0.0.1", hostPort: 32768, containerPort: 8080)])
        #expect(running.createdAt == Date(timeIntervalSince1970: 1_795_596_591))
        #expect(try DockerJSON.containers("\n").isEmpty)
    }

    @Test("docker label and port strings are parsed robustly")
    func dockerStrings() {
        #expect(DockerJSON.labels("") == [:])
        #expect(DockerJSON.labels("a=b,c=") == ["a": "b", "c": ""])
        #expect(DockerJSON.labels("note=x,y,\(RuntimeNames.instanceLabel)=i1") == ["note": "x,y", RuntimeNames.instanceLabel: "i1"])
        #expect(DockerJSON.labels("k=v=w") == ["k": "v=w"])
        #expect(DockerJSON.ports("0.0.0.0:49153->18789/tcp, :::49153->18789/tcp, 8080/tcp") == [
            PortPublish(hostIP: "0.0.0.0", hostPort: 49153, containerPort: 18789),
            PortPublish(hostIP: "::", hostPort: 49153, containerPort: 18789),
        ])
        #expect(DockerJSON.ports("127.0.0.1:8000-8001->80-81/tcp") == [
            PortPublish(hostIP: "127.0.0.1", hostPort: 8000, containerPort: 80),
            PortPublish(hostIP: "127.0.0.1", hostPort: 8001, containerPort: 81),
        ])
        #expect(DockerJSON.ports("").isEmpty)
        #expect(DockerJSON.exitCode(status: "Exited (137) 5 minutes ago") == 137)
        #expect(DockerJSON.exitCode(status: "Up 2 seconds") == nil)
    }

    @Test("container inspect of both engines decodes to the same fields", arguments: RuntimeBackend.allCases)
    func inspect(backend: RuntimeBackend) throws {
        let (running, exited, hostPort) = backend == .podman
            ? (PodmanFixtures.inspectRunning, PodmanFixtures.inspectExited, 40397)
            : (DockerFixtures.inspectRunning, DockerFixtures.inspectExited, 32768)
        let up = try #require(try InspectJSON.container(running))
        #expect(up.state == .running)
        #expect(up.exitCode == nil)
        #expect(up.image == "localhost/devtest:1")
        #expect(up.name.hasSuffix("t1") && !up.name.hasPrefix("/"))
        #expect(up.labels["c"] == "d")
        #expect(up.ports == [PortPublish(hostIP: "127.0.0.1", hostPort: hostPort, containerPort: 8080)])
        #expect(up.createdAt > Date(timeIntervalSince1970: 1_795_596_000))
        let down = try #require(try InspectJSON.container(exited))
        #expect(down.state == .exited)
        #expect(down.exitCode == 3)
        #expect(down.ports.isEmpty)
        #expect(try InspectJSON.container("[]") == nil)
    }

    @Test("events of both engines normalise to create, start, die and remove with the exit code")
    func events() {
        let podman = PodmanFixtures.events.split(separator: "\n").compactMap { PodmanJSON.event(String($0)) }
        let docker = DockerFixtures.events.split(separator: "\n").compactMap { DockerJSON.event(String($0)) }
        #expect(podman.map(\.action) == ["create", "init", "start", "die", "cleanup", "remove"])
        #expect(docker.map(\.action) == ["create", "start", "die", "remove"])
        for events in [podman, docker] {
            let die = events.first { $0.action == "die" }
            #expect(die?.exitCode == 5)
            #expect(die?.labels["ev"] == "1")
            #expect(die?.containerName.hasSuffix("ev") == true)
            #expect(die?.containerID.count == 64)
        }
        #expect(docker[0].labels == ["ev": "1"])
        #expect(abs(docker[2].time.timeIntervalSince1970 - 1_795_596_613.4005) < 0.001)
        #expect(PodmanJSON.event("not json") == nil)
        #expect(EventActions.normalise("exec_start: sh -c true") == "exec_start")
    }

    @Test("volumes and versions decode on both engines")
    func volumesAndVersions() throws {
        let podman = try PodmanJSON.volumes(PodmanFixtures.volumes)
        let docker = try DockerJSON.volumes(DockerFixtures.volumeInspect)
        #expect(podman.map(\.name) == ["pv1"])
        #expect(docker.map(\.name) == ["dv1"])
        #expect(podman[0].labels == ["a": "b"] && docker[0].labels == ["a": "b"])
        #expect(docker[0].createdAt == Date(timeIntervalSince1970: 1_795_596_606))
        #expect(podman[0].createdAt != nil)
        #expect(try PodmanJSON.version(PodmanFixtures.version) == "4.3.1")
        #expect(try DockerJSON.version(DockerFixtures.version) == "20.10.24+dfsg1")
    }

    @Test("the engines' time formats parse to the same instant")
    func times() {
        let reference = Date(timeIntervalSince1970: 1_795_596_591)  // 2026-11-25T08:49:51Z
        #expect(RuntimeTime.parse("2026-11-25 08:49:51 +0000 UTC") == reference)
        #expect(RuntimeTime.parse("2026-11-25T08:49:51Z") == reference)
        #expect(RuntimeTime.parse("2026-11-25T09:49:51+01:00") == reference)
        #expect(RuntimeTime.parse("2026-11-25 09:49:51 +0100 CET") == reference)
        let nanos = RuntimeTime.parse("2026-11-25T08:49:51.317538711Z")
        #expect(abs((nanos?.timeIntervalSince1970 ?? 0) - 1_795_596_591.317538711) < 0.000_01)
        #expect(RuntimeTime.parse("yesterday") == nil)
        #expect(RuntimeTime.fromUnix(1_795_596_591) == reference)
        #expect(RuntimeTime.fromUnix(1_795_596_591_000_000_000) == reference)
    }

    @Test("engine states map onto ContainerState")
    func states() {
        #expect(ContainerStateMapping.state("configured") == .created)
        #expect(ContainerStateMapping.state("running") == .running)
        #expect(ContainerStateMapping.state("Exited") == .exited)
        #expect(ContainerStateMapping.state("stopped") == .stopped)
        #expect(ContainerStateMapping.state("weird") == .unknown)
    }

    @Test("network inspect of both engines names the bridge gateway, IPv4 first")
    func gateway() throws {
        let podman = #"[{"name":"podman","subnets":[{"subnet":"fd00::/64","gateway":"fd00::1"},{"subnet":"10.88.0.0/16","gateway":"10.88.0.1"}]}]"#
        let docker = #"[{"Name":"bridge","IPAM":{"Driver":"default","Config":[{"Subnet":"172.17.0.0/16","Gateway":"172.17.0.1"}]}}]"#
        #expect(try CLIRuntime.gateway(fromNetworkInspect: podman) == "10.88.0.1")
        #expect(try CLIRuntime.gateway(fromNetworkInspect: docker) == "172.17.0.1")
        #expect(try CLIRuntime.gateway(fromNetworkInspect: #"[{"Name":"none","IPAM":{"Config":null}}]"#) == nil)
        #expect(try CLIRuntime.gateway(fromNetworkInspect: "[]") == nil)
        #expect(throws: (any Error).self) { try CLIRuntime.gateway(fromNetworkInspect: "not json") }
    }
}
