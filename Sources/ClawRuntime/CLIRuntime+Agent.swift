import ClawCore
import Foundation

extension CLIRuntime {
    /// The default network's gateway, asked from the engine: podman's `podman` network
    /// (`subnets[].gateway`), docker's `bridge` network (`IPAM.Config[].Gateway`).
    public func hostGateway() async throws -> String? {
        let network = backend == .podman ? "podman" : "bridge"
        let output = try await call("network inspect", ["network", "inspect", network]).stdout
        do {
            return try Self.gateway(fromNetworkInspect: output)
        } catch {
            throw decodeError("network inspect", error)
        }
    }

    /// The first IPv4 gateway in `network inspect` output of either engine.
    static func gateway(fromNetworkInspect output: String) throws -> String? {
        guard let array = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]],
              let network = array.first else { return nil }
        var candidates: [String] = []
        for subnet in network["subnets"] as? [[String: Any]] ?? [] {
            if let g = subnet["gateway"] as? String { candidates.append(g) }
        }
        if let ipam = network["IPAM"] as? [String: Any] {
            for config in ipam["Config"] as? [[String: Any]] ?? [] {
                if let g = config["Gateway"] as? String { candidates.append(g) }
            }
        }
        return candidates.first { $0.contains(".") } ?? candidates.first
    }

    /// `build` keeping the merged output; a non-zero exit is `success: false`, not an error.
    public func buildImageCapturingOutput(tag: String, contextDirectory: String) async throws -> ImageBuildResult {
        try RuntimeValidation.image(tag, param: "imageTag")
        try RuntimeValidation.hostPath(contextDirectory, param: "contextDirectory")
        let containerfile = ["Containerfile", "Dockerfile"].map { contextDirectory + "/" + $0 }
            .first { FileManager.default.fileExists(atPath: $0) }
        guard let containerfile else {
            return ImageBuildResult(success: false, output: "no Containerfile or Dockerfile in \(contextDirectory)")
        }
        let argv = arguments.buildImage(tag: tag, containerfile: containerfile, context: contextDirectory)
        let result = try await run(argv, timeout: max(defaultTimeout, .seconds(900)), mergeStandardError: true)
        return ImageBuildResult(success: result.succeeded, output: result.stdout)
    }

    /// `start --attach [--interactive]` with `stdin` fed to the container; waits for its exit.
    public func runAttached(_ nameOrID: String, stdin: Data?, timeout: Duration)
        async throws -> (exitCode: Int32, stdout: String, stderr: String) {
        try RuntimeValidation.name(nameOrID)
        var argv = ["start", "--attach"]
        if stdin != nil { argv.append("--interactive") }
        argv.append(nameOrID)
        let result = try await runner.run(binaryPath, argv, environment: environment, timeout: timeout,
                                          outputLimit: 16 << 20, stdin: stdin ?? Data())
        return (result.exitCode, result.stdout, result.stderr)
    }
}
