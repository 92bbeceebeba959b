import ClawCore
import ClawRuntime
import ClawTestSupport
import Foundation
import Testing

@Suite("Images and errors on a real runtime", .tags(.realRuntime))
struct RuntimeErrorTests {
    typealias H = IntegrationHelpers

    @Test("the instance image builds from etc/instance-image, inspects, and a second tag is removable; info names the engine",
          arguments: RuntimeTestBackend.all)
    func images(backend: RuntimeTestBackend) async throws {
        try await withRuntimeFixture(backend) { fixture in
            let runtime = fixture.runtime
            let info = try await runtime.info()
            #expect(info.backend == backend.backend)
            #expect(info.version.first?.isNumber == true)
            #expect(info.binaryPath.hasSuffix("/\(backend.rawValue)"))

            let image = try #require(try await runtime.inspectImage(H.image))
            #expect(image.tags.contains(H.image))
            #expect((image.sizeBytes ?? 0) > 100_000)
            #expect(try await runtime.imageExists(H.image))
            #expect(try await runtime.inspectImage("localhost/clawd-missing:\(fixture.runID)") == nil)

            let extra = "localhost/clawd-instance:rm-\(fixture.runID)"
            let context = try RuntimeTestImage.makeContext()
            defer { try? FileManager.default.removeItem(at: context) }
            try await runtime.buildImage(tag: extra, contextDirectory: context.path, containerfile: "Containerfile")
            #expect(try await runtime.imageExists(extra))
            try await runtime.removeImage(extra)
            #expect(try await !runtime.imageExists(extra))
            try await runtime.removeImage(extra)  // missing: fine
            #expect(try await runtime.imageExists(H.image))
        }
    }

    @Test("a missing image is a .runtime error that keeps the engine's message", arguments: RuntimeTestBackend.all)
    func missingImage(backend: RuntimeTestBackend) async throws {
        try await withRuntimeFixture(backend, buildImage: false) { fixture in
            let missing = "localhost/clawd-missing:\(fixture.runID)"
            let error = await #expect(throws: ClawError.self) {
                try await fixture.createContainer(ContainerSpec(name: fixture.uniqueName("noimage"), image: missing))
            }
            #expect(error?.code == .runtime)
            let message = error?.message ?? ""
            #expect(message.contains(missing))
            #expect(message.contains("image not known") || message.contains("No such image"), "\(message)")
            #expect(message.hasPrefix("\(backend.rawValue) create failed (exit "))
        }
    }

    @Test("bad names are refused before the runtime is called", arguments: RuntimeTestBackend.all)
    func badNames(backend: RuntimeTestBackend) async throws {
        try await withRuntimeFixture(backend, buildImage: false) { fixture in
            for name in ["-rm", "a b", "--all"] {
                let create = await #expect(throws: ClawError.self) {
                    try await fixture.createContainer(ContainerSpec(name: name, image: H.image))
                }
                #expect(create?.code == .invalidArgument && create?.param == "name")
                #expect(create?.message.contains(name) == true)
                let start = await #expect(throws: ClawError.self) { try await fixture.runtime.startContainer(name) }
                #expect(start?.code == .invalidArgument)
                let volume = await #expect(throws: ClawError.self) {
                    try await fixture.runtime.createVolume(name: name, labels: [:])
                }
                #expect(volume?.code == .invalidArgument)
            }
            let created = try await fixture.runtime.listContainers(labels: fixture.labels)
            #expect(created.isEmpty)
        }
    }

    @Test("a dead runtime binary gives a ClawError with its own message; a missing one is .unavailable",
          arguments: RuntimeTestBackend.all)
    func deadBinary(backend: RuntimeTestBackend) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clawd-dead-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent(backend.rawValue).path
        try "#!/bin/sh\necho \"clawd-test: the runtime is broken\" >&2\nexit 1\n"
            .write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)

        let dead = CLIRuntime(backend: backend.backend, binaryPath: script, defaultTimeout: .seconds(120))
        let listed = await #expect(throws: ClawError.self) { try await dead.listContainers(labels: [:]) }
        #expect(listed?.code == .runtime)
        #expect(listed?.message.contains("clawd-test: the runtime is broken") == true)
        #expect(listed?.message.contains("exit 1") == true)
        let info = await #expect(throws: ClawError.self) { try await dead.info() }
        #expect(info?.message.contains("the runtime is broken") == true)

        let absent = CLIRuntime(backend: backend.backend, binaryPath: directory.appendingPathComponent("nope").path)
        let missing = await #expect(throws: ClawError.self) { try await absent.info() }
        #expect(missing?.code == .unavailable)
        #expect(missing?.message.contains("nope") == true)
    }

    @Test("inspect of a missing container is nil and removing it succeeds", arguments: RuntimeTestBackend.all)
    func missingObjects(backend: RuntimeTestBackend) async throws {
        try await withRuntimeFixture(backend, buildImage: false) { fixture in
            let name = fixture.uniqueName("missing")
            #expect(try await fixture.runtime.inspectContainer(name) == nil)
            try await fixture.runtime.removeContainer(name, force: false)
            try await fixture.runtime.removeContainer(name, force: true)
            #expect(try await !fixture.runtime.volumeExists(name: name))
        }
    }
}
