import ClawCore
import ClawRuntime
import Foundation

/// Writes an instance's secrets (the IM config) as `secrets/im-config.json`, mode 0600, INTO its
/// volume: a small tar built in a private temp dir and imported with the runtime's volume import.
/// The secret never becomes an argv element, an environment variable or a label.
struct SecretsDelivery: Sendable {
    static let directory = "secrets"
    static let file = "im-config.json"

    let runtime: any ContainerRuntime
    let runner: ProcessRunner
    let tarPath: String
    let owner: Int

    /// Without an IM config the file holds `{}`, so a removed config does not linger in the volume.
    /// `image` is the instance's image: docker imports through a helper container with `tar`,
    /// and the image that will use the volume is the one sure to be present.
    func write(imConfig: [String: String]?, volume: String, image: String) async throws {
        let json = try JSONSerialization.data(withJSONObject: imConfig ?? [:], options: [.sortedKeys])
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("clawd-secrets-\(UUID().uuidString.lowercased())").path
        try fm.createDirectory(atPath: work, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? fm.removeItem(atPath: work) }
        let tree = work + "/tree"
        try fm.createDirectory(atPath: tree + "/" + Self.directory, withIntermediateDirectories: true,
                               attributes: [.posixPermissions: 0o700])
        let secret = tree + "/" + Self.directory + "/" + Self.file
        guard fm.createFile(atPath: secret, contents: json, attributes: [.posixPermissions: 0o600]) else {
            throw ClawError(.internal, "cannot write the secrets file in \(work)")
        }
        let archive = work + "/secrets.tar"
        let result = try await runner.run(tarPath, [
            "--create", "--file", archive, "--numeric-owner", "--owner=\(owner)", "--group=\(owner)",
            "--directory", tree, Self.directory,
        ], timeout: .seconds(30))
        guard result.succeeded else {
            throw ClawError(.internal, "tar failed (exit \(result.exitCode)): \(result.diagnosticTail())")
        }
        try await importer(image: image).importVolume(name: volume, from: archive)
    }

    func importer(image: String) -> any ContainerRuntime {
        guard let cli = runtime as? CLIRuntime, cli.backend == .docker, cli.helperImage == nil else { return runtime }
        return CLIRuntime(backend: cli.backend, binaryPath: cli.binaryPath, environment: cli.environment,
                          runner: cli.runner, defaultTimeout: cli.defaultTimeout, helperImage: image)
    }
}
