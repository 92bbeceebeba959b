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
    let installID: String

    /// Without an IM config the file holds `{}`, so a removed config does not linger in the volume.
    func write(imConfig: IMConfig?, instance: Instance) async throws {
        let json = Data((imConfig ?? .empty).json.utf8)
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
        try await runtime.importVolume(name: RuntimeNames.volume(instance.id), from: archive,
                                       helper: helper(instance))
    }

    /// An engine without a native volume import extracts through a throwaway container of the
    /// instance's image: the image that will use the volume is the one sure to be present.
    func helper(_ instance: Instance) -> VolumeArchiveHelper {
        VolumeArchiveHelper(image: instance.image, name: RuntimeNames.container(instance.id) + "-secrets",
                            labels: [RuntimeNames.installLabel: installID, RuntimeNames.instanceLabel: instance.id],
                            timeout: .seconds(120))
    }
}
