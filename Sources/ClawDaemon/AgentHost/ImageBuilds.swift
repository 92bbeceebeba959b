import ClawCore
import ClawStore
import ClawWire
import Foundation
import Logging

/// Agent image builds: each runs `podman build`/`docker build` on a copy of the configured
/// context (plus the host's static busybox when configured) and keeps its output.
actor ImageBuilds {
    struct Build: Sendable {
        var id: String
        var imageTag: String
        var status: String
        var success: Bool?
        var output: String
        var message: String
        var startedAt: String
        var finishedAt: String?
        var task: Task<Void, Never>?
        /// Set when the build is recorded as an operation (same id).
        var operationID: String?

        var wire: ContainerWire.ImageBuild {
            .init(buildId: id, imageTag: imageTag, status: status, success: success, output: output, message: message,
                  startedAt: startedAt, finishedAt: finishedAt, operationId: operationID)
        }
    }

    let runtime: (any ContainerRuntime)?
    let context: String
    let busybox: String
    let defaultTag: String
    /// Where each build is recorded as an operation of kind `image.build` (nil: not recorded).
    let operations: Store?
    private var builds: [String: Build] = [:]
    let logger = Logger(label: "clawd.container")

    init(runtime: (any ContainerRuntime)?, context: String, busybox: String, defaultTag: String, operations: Store? = nil) {
        self.operations = operations
        self.runtime = runtime
        self.context = context
        self.busybox = busybox
        self.defaultTag = defaultTag
    }

    /// Starts a build for `orgID` ("" or nil: the host admin), recorded as an operation first.
    func start(tag: String?, orgID: String?) async throws -> Build {
        guard let runtime else { throw ClawError(.unavailable, "no container runtime: cannot build images") }
        let tag = tag ?? defaultTag
        let id = Identifier.make(prefix: "b", length: 16)
        try await operations?.startOperation(id: id, orgID: orgID ?? "", kind: Self.operationKind)
        builds[id] = Build(id: id, imageTag: tag, status: "running", success: nil, output: "",
                           message: "building \(tag)", startedAt: Timestamp.now().iso8601,
                           operationID: operations == nil ? nil : id)
        let context = self.context, busybox = self.busybox
        // Owned by this actor's table: `wait` joins it; a build ends on its own (runtime timeout).
        builds[id]?.task = Task {
            let result: ImageBuildResult
            do {
                let dir = try Self.assemble(context: context, busybox: busybox)
                defer { try? FileManager.default.removeItem(atPath: dir) }
                result = try await runtime.buildImageCapturingOutput(tag: tag, contextDirectory: dir)
            } catch {
                result = ImageBuildResult(success: false, output: "\(error)")
            }
            await self.finish(id, result)
        }
        return builds[id]!
    }

    static let operationKind = "image.build"

    private func finish(_ id: String, _ result: ImageBuildResult) async {
        guard var b = builds[id] else { return }
        b.status = result.success ? "succeeded" : "failed"
        b.success = result.success
        b.output = String(result.output.suffix(256 * 1024))
        b.message = result.success ? "built \(b.imageTag)" : "build of \(b.imageTag) failed"
        b.finishedAt = Timestamp.now().iso8601
        b.task = nil
        builds[id] = b
        logger.info("image build finished", metadata: ["image": "\(b.imageTag)", "success": "\(result.success)"])
        do {
            try await operations?.finishOperation(id: id, succeeded: result.success, error: result.success ? nil : b.message)
        } catch {
            logger.error("image build operation not finished", metadata: ["op": "\(id)", "error": "\(error)"])
        }
    }

    func get(_ id: String, wait: Bool) async -> Build? {
        if wait, let task = builds[id]?.task { await task.value }
        return builds[id]
    }

    /// A temp copy of the context directory, with `busybox` added when the host has it and the
    /// context lacks it (the offline agent image is `FROM scratch` + busybox).
    static func assemble(context: String, busybox: String) throws -> String {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: context, isDirectory: &isDir), isDir.boolValue else {
            throw ClawError(.config, "agent image context \(context) is not a directory (agent_image_context)")
        }
        let dir = fm.temporaryDirectory.path + "/clawd-agent-build-" + Identifier.make(prefix: "", length: 10)
        try fm.copyItem(atPath: context, toPath: dir)
        if !busybox.isEmpty, fm.isExecutableFile(atPath: busybox), !fm.fileExists(atPath: dir + "/busybox") {
            try fm.copyItem(atPath: busybox, toPath: dir + "/busybox")
        }
        return dir
    }
}
