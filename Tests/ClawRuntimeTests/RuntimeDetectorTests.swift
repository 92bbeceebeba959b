import ClawCore
import Foundation
import Testing

@testable import ClawRuntime

@Suite("RuntimeDetector picks the configured binary, then podman, then docker")
struct RuntimeDetectorTests {
    /// A temp directory holding fake executables named as asked.
    static func bin(_ names: [String]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clawd-bin-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for name in names {
            let path = directory + "/" + name
            try "#!/bin/sh\nexit 0\n".write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        return directory
    }

    @Test("auto prefers podman, falls back to docker, and resolves an absolute path")
    func auto() async throws {
        let both = try Self.bin(["podman", "docker"])
        let onlyDocker = try Self.bin(["docker"])
        defer { try? FileManager.default.removeItem(atPath: both); try? FileManager.default.removeItem(atPath: onlyDocker) }
        let first = try await RuntimeDetector.detect(mode: "auto", binary: nil, environment: ["PATH": both])
        #expect(first.backend == .podman && first.binaryPath == both + "/podman")
        let second = try await RuntimeDetector.detect(
            mode: "auto", binary: nil, environment: ["PATH": "/nonexistent:" + onlyDocker, "DOCKER_HOST": "unix:///x.sock"])
        #expect(second.backend == .docker && second.binaryPath == onlyDocker + "/docker")
        #expect(second.environment["DOCKER_HOST"] == "unix:///x.sock")
        let forced = try await RuntimeDetector.detect(mode: "docker", binary: nil, environment: ["PATH": both])
        #expect(forced.backend == .docker)
    }

    @Test("a configured binary wins and its backend comes from the mode or its name")
    func configured() async throws {
        let directory = try Self.bin(["podman", "my-runtime"])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let named = try await RuntimeDetector.detect(mode: "auto", binary: directory + "/podman", environment: ["PATH": ""])
        #expect(named.backend == .podman && named.binaryPath == directory + "/podman")
        let moded = try await RuntimeDetector.detect(mode: "docker", binary: directory + "/my-runtime", environment: [:])
        #expect(moded.backend == .docker)
        let unknown = await #expect(throws: ClawError.self) {
            try await RuntimeDetector.detect(mode: "auto", binary: directory + "/my-runtime", environment: [:])
        }
        #expect(unknown?.code == .config)
    }

    @Test("a missing runtime is .unavailable and says how to install one")
    func missing() async throws {
        let empty = try Self.bin([])
        defer { try? FileManager.default.removeItem(atPath: empty) }
        for mode in ["auto", "podman", "docker"] {
            let error = await #expect(throws: ClawError.self) {
                try await RuntimeDetector.detect(mode: mode, binary: nil, environment: ["PATH": empty])
            }
            #expect(error?.code == .unavailable)
            #expect(error?.message.contains("apt-get install podman runc") == true)
        }
        let configured = await #expect(throws: ClawError.self) {
            try await RuntimeDetector.detect(mode: "podman", binary: "/nonexistent/podman", environment: [:])
        }
        #expect(configured?.code == .unavailable)
        let badMode = await #expect(throws: ClawError.self) {
            try await RuntimeDetector.detect(mode: "lxc", binary: nil, environment: [:])
        }
        #expect(badMode?.code == .config)
    }
}
