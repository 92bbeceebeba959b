import ClawCore
import ClawRuntime
import ClawTestSupport
import Foundation
import Testing

@Suite("Volumes on a real runtime", .tags(.realRuntime))
struct RuntimeVolumeTests {
    typealias H = IntegrationHelpers

    /// Runs `script` in a throwaway container with `volume` at /data and returns its output.
    static func run(_ fixture: RuntimeFixture, _ volume: String, _ script: String) async throws -> String {
        let name = fixture.uniqueName("vol-run")
        _ = try await fixture.createContainer(H.shell(name, script, volumes: [VolumeMount(volume: volume, path: "/data")]))
        try await fixture.runtime.startContainer(name)
        let done = try await fixture.waitForState(name, [.exited, .stopped])
        let output = try await fixture.runtime.logs(name, tail: nil)
        #expect(done.exitCode == 0, "\(script) failed: \(output)")
        try await fixture.runtime.removeContainer(name, force: false)
        #expect(try await fixture.runtime.inspectContainer(name) == nil)
        return output
    }

    @Test("a volume keeps a file after the container that wrote it is removed", arguments: RuntimeTestBackend.all)
    func survives(backend: RuntimeTestBackend) async throws {
        try await withRuntimeFixture(backend) { fixture in
            let runtime = fixture.runtime
            let volume = fixture.uniqueName("data")
            try await fixture.createVolume(volume, labels: [RuntimeNames.instanceLabel: "i-\(fixture.runID)"])
            try await runtime.createVolume(name: volume, labels: [:])  // again: idempotent
            _ = try await Self.run(fixture, volume, "echo kept-\(fixture.runID) > /data/note")
            let read = try await Self.run(fixture, volume, "cat /data/note")
            #expect(read.contains("kept-\(fixture.runID)"))

            #expect(try await runtime.volumeExists(name: volume))
            let listed = try await runtime.listVolumes(labels: [RuntimeNames.testRunLabel: fixture.runID])
            #expect(listed.map(\.name) == [volume])
            #expect(listed.first?.labels[RuntimeNames.instanceLabel] == "i-\(fixture.runID)")
            #expect(listed.first?.createdAt.map { abs($0.timeIntervalSinceNow) < 300 } == true)

            try await runtime.removeVolume(name: volume)
            #expect(try await !runtime.volumeExists(name: volume))
            try await runtime.removeVolume(name: volume)  // missing: still fine
            try await runtime.removeContainer(fixture.uniqueName("never-created"), force: true)
        }
    }

    @Test("a volume archived to a plain tar imports into another volume, which keeps its own files",
          arguments: RuntimeTestBackend.all)
    func archiveImport(backend: RuntimeTestBackend) async throws {
        try await withRuntimeFixture(backend) { fixture in
            let runtime = fixture.runtime
            let source = fixture.uniqueName("src")
            let target = fixture.uniqueName("dst")
            try await fixture.createVolume(source)
            try await fixture.createVolume(target)
            _ = try await Self.run(fixture, source,
                                   "echo hello-\(fixture.runID) > /data/hello.txt; mkdir /data/sub; echo nested > /data/sub/n.txt")
            _ = try await Self.run(fixture, target, "echo kept > /data/kept.txt")
            let helper = VolumeArchiveHelper(image: H.image, name: fixture.uniqueName("archiver"), labels: fixture.labels,
                                             timeout: .seconds(120))

            let archive = FileManager.default.temporaryDirectory.appendingPathComponent("clawd-\(fixture.runID).tar").path
            defer { try? FileManager.default.removeItem(atPath: archive) }
            try await runtime.archiveVolume(name: source, to: archive, helper: helper)
            let listing = try await ProcessRunner().run("/bin/tar", ["-tf", archive], timeout: .seconds(10))
            let entries = Set(listing.stdout.split(separator: "\n").map { $0.hasPrefix("./") ? String($0.dropFirst(2)) : String($0) })
            #expect(entries.isSuperset(of: ["hello.txt", "sub/n.txt"]), "archive holds \(entries)")

            try await runtime.importVolume(name: target, from: archive, helper: helper)
            let read = try await Self.run(fixture, target, "cat /data/hello.txt /data/sub/n.txt /data/kept.txt")
            #expect(read.contains("hello-\(fixture.runID)"))
            #expect(read.contains("nested"))
            #expect(read.contains("kept"), "import removed what the volume held")

            let missing = await #expect(throws: ClawError.self) {
                try await runtime.archiveVolume(name: fixture.uniqueName("absent"), to: archive, helper: helper)
            }
            #expect(missing?.code == .notFound)
            let missingImport = await #expect(throws: ClawError.self) {
                try await runtime.importVolume(name: fixture.uniqueName("absent"), from: archive, helper: helper)
            }
            #expect(missingImport?.code == .notFound)
        }
    }
}
