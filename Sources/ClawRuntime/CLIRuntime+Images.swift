import ClawCore
import Foundation

extension CLIRuntime {
    public func imageExists(_ reference: String) async throws -> Bool {
        try await inspectImage(reference) != nil
    }

    public func inspectImage(_ reference: String) async throws -> ImageInfo? {
        try RuntimeValidation.image(reference)
        let result = try await run(arguments.inspectImage(reference))
        if !result.succeeded {
            if Self.isNotFound(result.stderr) { return nil }
            throw failure("image inspect", result)
        }
        do {
            return try InspectJSON.image(result.stdout)
        } catch {
            throw decodeError("image inspect", error)
        }
    }

    /// Builds without pulling (no registry is reachable); the containerfile defaults to the
    /// context's `Containerfile`, then `Dockerfile`. A relative containerfile is in the context.
    public func buildImage(tag: String, contextDirectory: String, containerfile: String?) async throws {
        try RuntimeValidation.image(tag, param: "tag")
        try RuntimeValidation.hostPath(contextDirectory, param: "contextDirectory")
        let file: String
        if let containerfile {
            file = containerfile.hasPrefix("/") ? containerfile : contextDirectory + "/" + containerfile
        } else {
            let candidate = contextDirectory + "/Containerfile"
            file = FileManager.default.fileExists(atPath: candidate) ? candidate : contextDirectory + "/Dockerfile"
        }
        try RuntimeValidation.hostPath(file, param: "containerfile")
        guard FileManager.default.fileExists(atPath: file) else {
            throw ClawError(.invalidArgument, "containerfile \(file) does not exist", param: "containerfile")
        }
        try await call("build", arguments.buildImage(tag: tag, containerfile: file, context: contextDirectory),
                       timeout: max(defaultTimeout, .seconds(900)), mergeStandardError: true)
    }

    public func removeImage(_ reference: String) async throws {
        try RuntimeValidation.image(reference)
        let result = try await run(arguments.removeImage(reference))
        if result.succeeded || Self.isNotFound(result.stderr) { return }
        throw failure("image rm", result)
    }
}
