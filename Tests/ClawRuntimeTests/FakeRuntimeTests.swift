import ClawCore
import ClawTestSupport
import Foundation
import Testing

@Suite("FakeRuntime: faults on cue, podman's idempotence")
struct FakeRuntimeTests {
    static func spec(_ name: String, generation: String = "1") -> ContainerSpec {
        ContainerSpec(name: name, image: "img:1",
                      labels: [RuntimeNames.instanceLabel: "i1", RuntimeNames.generationLabel: generation],
                      volumes: [VolumeMount(volume: name + "-data", path: "/data")])
    }

    @Test("a fault hits only its method and name, as many times as asked")
    func faultsAreAimed() async throws {
        let runtime = FakeRuntime()
        runtime.fail(.startContainer, name: "a", times: 2, with: ClawError(.runtime, "boom"))
        _ = try await runtime.createContainer(Self.spec("a"))
        _ = try await runtime.createContainer(Self.spec("b"))
        try await runtime.startContainer("b")
        for _ in 0..<2 {
            let error = await #expect(throws: ClawError.self) { try await runtime.startContainer("a") }
            #expect(error?.message == "boom")
        }
        try await runtime.startContainer("a")
        #expect(runtime.container("a")?.state == .running)
        #expect(runtime.calls(.startContainer, name: "a") == 3)
        #expect(runtime.calls(.startContainer) == 4)
    }

    @Test("a fault without a count holds until cleared; latency delays the call")
    func persistentFaultAndLatency() async throws {
        let runtime = FakeRuntime()
        runtime.fail(.createVolume, times: nil)
        for _ in 0..<3 { await #expect(throws: ClawError.self) { try await runtime.createVolume(name: "v", labels: [:]) } }
        runtime.clearFaults()
        runtime.delay(.createVolume, times: 1, by: .milliseconds(200))
        let started = ContinuousClock.now
        try await runtime.createVolume(name: "v", labels: [:])
        #expect(ContinuousClock.now - started >= .milliseconds(200))
        #expect(runtime.volumeNames == ["v"])
    }

    @Test("create adopts the same instance and generation, refuses another; remove of a missing object succeeds")
    func idempotence() async throws {
        let runtime = FakeRuntime(images: ["img:1"])
        let id = try await runtime.createContainer(Self.spec("c"))
        #expect(try await runtime.createContainer(Self.spec("c")) == id)
        let conflict = await #expect(throws: ClawError.self) { try await runtime.createContainer(Self.spec("c", generation: "2")) }
        #expect(conflict?.code == .conflict)
        var other = Self.spec("d")
        other.image = "missing:1"
        await #expect(throws: ClawError.self) { try await runtime.createContainer(other) }
        #expect(runtime.volumeNames == ["c-data"], "create makes the volumes it mounts, as podman does")
        let inUse = await #expect(throws: ClawError.self) { try await runtime.removeVolume(name: "c-data") }
        #expect(inUse?.message.contains("being used") == true)
        try await runtime.removeContainer("c", force: true)
        try await runtime.removeContainer("c", force: true)
        try await runtime.removeVolume(name: "c-data")
        try await runtime.removeVolume(name: "c-data")
        #expect(try await runtime.inspectContainer("c") == nil)
        let missing = await #expect(throws: ClawError.self) { try await runtime.startContainer("c") }
        #expect(missing?.code == .notFound)
    }

    @Test("events follow start, crash and remove of containers carrying the labels")
    func events() async throws {
        let runtime = FakeRuntime()
        let labels = [RuntimeNames.instanceLabel: "i1"]
        let stream = runtime.events(labels: labels, since: nil)  // subscribed from here on
        let collected = Task {
            var actions: [String] = []
            for try await event in stream {
                actions.append(event.action)
                if event.action == "remove" { break }
            }
            return actions
        }
        _ = try await runtime.createContainer(ContainerSpec(name: "other", image: "img:1"))
        _ = try await runtime.createContainer(Self.spec("e"))
        try await runtime.startContainer("other")
        try await runtime.startContainer("e")
        runtime.crash("e", exitCode: 3)
        #expect(runtime.container("e")?.exitCode == 3)
        try await runtime.removeContainer("e", force: true)
        #expect(try await collected.value == ["start", "die", "remove"])
    }

    @Test("concurrency counts calls on objects per key and overall")
    func concurrency() async throws {
        let runtime = FakeRuntime(latency: .milliseconds(50), concurrencyKey: { String($0.prefix(1)) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            for name in ["a1", "a2", "b1"] { group.addTask { try await runtime.createVolume(name: name, labels: [:]) } }
            try await group.waitForAll()
        }
        #expect(runtime.concurrency == FakeRuntime.Concurrency(maxTotal: 3, maxPerKey: 2))
    }
}
