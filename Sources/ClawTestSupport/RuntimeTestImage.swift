import ClawCore
import ClawRuntime
import Foundation

/// Builds the repository's instance image (`etc/instance-image` plus the host's static busybox)
/// through the driver's own `buildImage`, once per backend per test run.
public enum RuntimeTestImage {
    /// Returns the tag once the image exists in `backend`'s engine.
    public static func ensure(on backend: RuntimeTestBackend, tag: String = RuntimeTestBackend.imageTag) async throws -> String {
        try await Builds.shared.build(backend, tag: tag)
        return tag
    }

    /// The repository root: `CLAWD_TEST_REPO_ROOT`, else found upwards from this source file.
    public static func repositoryRoot(filePath: String = #filePath) throws -> URL {
        if let root = ProcessInfo.processInfo.environment["CLAWD_TEST_REPO_ROOT"], !root.isEmpty {
            return URL(fileURLWithPath: root)
        }
        var directory = URL(fileURLWithPath: filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            directory.deleteLastPathComponent()
        }
        throw ClawError(.internal, "cannot find the repository root above \(filePath)")
    }

    /// A temp directory with the files of `etc/instance-image` and `busybox`; the caller removes it.
    public static func makeContext(busybox: String = "/bin/busybox") throws -> URL {
        let source = try repositoryRoot().appendingPathComponent("etc/instance-image")
        let fm = FileManager.default
        guard fm.fileExists(atPath: source.appendingPathComponent("Containerfile").path) else {
            throw ClawError(.internal, "\(source.path)/Containerfile is missing")
        }
        guard fm.isExecutableFile(atPath: busybox) else {
            throw ClawError(.unavailable, "\(busybox) is missing: run scripts/setup (installs busybox-static)")
        }
        let context = fm.temporaryDirectory.appendingPathComponent("clawd-image-\(UUID().uuidString.lowercased())")
        try fm.createDirectory(at: context, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: source.path) {
            try fm.copyItem(at: source.appendingPathComponent(name), to: context.appendingPathComponent(name))
        }
        try fm.copyItem(atPath: busybox, toPath: context.appendingPathComponent("busybox").path)
        return context
    }

    actor Builds {
        static let shared = Builds()
        private var builds: [String: Task<Void, any Error>] = [:]

        func build(_ backend: RuntimeTestBackend, tag: String) async throws {
            let key = "\(backend)|\(tag)"
            if builds[key] == nil {
                builds[key] = Task {
                    let runtime = try await backend.makeRuntime()
                    let context = try RuntimeTestImage.makeContext()
                    defer { try? FileManager.default.removeItem(at: context) }
                    try await runtime.buildImage(tag: tag, contextDirectory: context.path, containerfile: nil)
                }
            }
            try await builds[key]!.value
        }
    }
}
