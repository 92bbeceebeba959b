import ClawCore
import Foundation

/// Images, volume archives, logs, events and agent runs, kept as small as the callers need:
/// an archive is a file naming its volume, logs are empty, an agent run prints nothing and exits 0.
extension FakeRuntime {
    public func imageExists(_ reference: String) async throws -> Bool {
        try await step(.imageExists, reference) { $0.images?.contains(reference) ?? true }
    }

    public func inspectImage(_ reference: String) async throws -> ImageInfo? {
        try await step(.inspectImage, reference) { s in
            (s.images?.contains(reference) ?? true) ? ImageInfo(id: "fake-\(reference)", tags: [reference], createdAt: nil, sizeBytes: nil) : nil
        }
    }

    public func buildImage(tag: String, contextDirectory: String, containerfile: String?) async throws {
        try await step(.buildImage, tag) { s in _ = s.images?.insert(tag) }
    }

    public func buildImageCapturingOutput(tag: String, contextDirectory: String) async throws -> ImageBuildResult {
        try await step(.buildImageCapturingOutput, tag) { s in
            s.images?.insert(tag)
            return ImageBuildResult(success: true, output: "built \(tag)")
        }
    }

    public func removeImage(_ reference: String) async throws {
        try await step(.removeImage, reference) { s in _ = s.images?.remove(reference) }
    }

    public func importVolume(name: String, from path: String, helper: VolumeArchiveHelper) async throws {
        try await step(.importVolume, name) { s in try Self.archiveCall(name, path, reading: true, s, backend) }
    }

    public func archiveVolume(name: String, to path: String, helper: VolumeArchiveHelper) async throws {
        try await step(.archiveVolume, name) { s in try Self.archiveCall(name, path, reading: false, s, backend) }
        try Data("fake archive of \(name)\n".utf8).write(to: URL(fileURLWithPath: path))
    }

    public func restoreVolume(name: String, from path: String, helper: VolumeArchiveHelper) async throws {
        try await step(.restoreVolume, name) { s in try Self.archiveCall(name, path, reading: true, s, backend) }
    }

    public func stats(labels: [String: String]) async throws -> RuntimeStats {
        try await step(.stats, nil) { s in
            let running = s.containers.values.filter { $0.state == .running && Self.matches($0.labels, labels) }
            return RuntimeStats(cpuPercent: 0, memoryBytes: 0, containers: running.count)
        }
    }

    public func logs(_ nameOrID: String, tail: Int?) async throws -> String {
        try await step(.logs, nameOrID) { s in
            _ = try Self.existing(nameOrID, in: s, backend, "logs")
            return ""
        }
    }

    public func followLogs(_ nameOrID: String, tail: Int?) -> AsyncThrowingStream<String, any Error> {
        AsyncThrowingStream { $0.finish() }
    }

    /// Every `start`, `die` and `remove` from now on, of containers carrying all of `labels`.
    /// The fake records no history: `since` replays nothing.
    public func events(labels: [String: String], since: Timestamp?) -> AsyncThrowingStream<RuntimeEvent, any Error> {
        let (stream, sink) = AsyncThrowingStream.makeStream(of: RuntimeEvent.self)
        let id = state.withLock { s -> Int in
            s.nextID += 1
            s.subscribers[s.nextID] = (labels, sink)
            return s.nextID
        }
        sink.onTermination = { [weak self] _ in self?.state.withLock { _ = $0.subscribers.removeValue(forKey: id) } }
        return stream
    }

    public func hostGateway() async throws -> String? {
        try await step(.hostGateway, nil) { _ in "10.88.0.1" }
    }

    public func runAttached(_ nameOrID: String, stdin: Data?, timeout: Duration) async throws -> AttachedRun {
        try await step(.runAttached, nameOrID) { s in
            _ = try Self.existing(nameOrID, in: s, backend, "start --attach")
            return AttachedRun(exitCode: 0, stdout: "", stderr: "")
        }
    }

    public func runStreaming(_ spec: ContainerSpec, stdin: Data,
                             onLine: @escaping @Sendable (String) -> Void) async throws -> Int32 {
        try await step(.runStreaming, spec.name) { _ in 0 }
    }

    static func archiveCall(_ volume: String, _ path: String, reading: Bool, _ s: State,
                            _ backend: RuntimeBackend) throws {
        guard s.volumes[volume] != nil else {
            throw ClawError(.notFound, "\(backend) volume \(volume) not found", param: "name")
        }
        if reading, !FileManager.default.isReadableFile(atPath: path) {
            throw ClawError(.notFound, "cannot read archive \(path)", param: "path")
        }
    }
}
