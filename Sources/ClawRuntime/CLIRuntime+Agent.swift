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
        guard let network = try JSONDecoder().decode([NetworkInspect].self, from: Data(output.utf8)).first else {
            return nil
        }
        let candidates = (network.subnets ?? []).compactMap(\.gateway)
            + (network.ipam?.config ?? []).compactMap(\.gateway)
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
        async throws -> AttachedRun {
        try RuntimeValidation.name(nameOrID)
        var argv = ["start", "--attach"]
        if stdin != nil { argv.append("--interactive") }
        argv.append(nameOrID)
        let result = try await runner.run(binaryPath, argv, environment: environment, timeout: timeout,
                                          outputLimit: 16 << 20, stdin: stdin ?? Data())
        return AttachedRun(exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr)
    }
}

/// The part of `network inspect` that names gateways: podman's `subnets[].gateway`, docker's
/// `IPAM.Config[].Gateway`.
struct NetworkInspect: Decodable {
    struct Subnet: Decodable {
        var gateway: String?
    }

    struct IPAM: Decodable {
        struct Config: Decodable {
            var gateway: String?
            enum CodingKeys: String, CodingKey { case gateway = "Gateway" }
        }

        var config: [Config]?
        enum CodingKeys: String, CodingKey { case config = "Config" }
    }

    var subnets: [Subnet]?
    var ipam: IPAM?
    enum CodingKeys: String, CodingKey {
        case subnets
        case ipam = "IPAM"
    }
}
