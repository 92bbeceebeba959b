import ClawCore
import Foundation

/// Volume archives the same way on podman and docker: docker has no `volume export/import`, and
/// podman's import only adds files (`importVolume` uses it for that), so archive and restore run a throwaway helper container that mounts the
/// volume and streams tar over its stdout (archive) or stdin (restore), straight to or from a
/// host file through `ProcessRunner`. No host directory is bind-mounted and nothing is logged
/// (`--log-driver none`: the engine would otherwise keep a copy of the stream in its log file).
extension CLIRuntime {
    public func archiveVolume(name: String, to path: String, helper: VolumeArchiveHelper) async throws {
        try RuntimeValidation.name(name)
        try RuntimeValidation.hostPath(path, param: "path")
        try await prepare(helper, volume: name)
        let argv = try arguments.archiveVolume(name, helper: helper)
        let result = try await runner.run(binaryPath, argv, environment: environment, timeout: helper.timeout,
                                          stdinPath: nil, stdoutPath: path)
        guard result.succeeded else {
            try? FileManager.default.removeItem(atPath: path)
            throw failure("volume archive", result)
        }
    }

    public func restoreVolume(name: String, from path: String, helper: VolumeArchiveHelper) async throws {
        try RuntimeValidation.name(name)
        try RuntimeValidation.hostPath(path, param: "path")
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ClawError(.notFound, "cannot read archive \(path)", param: "path")
        }
        try await prepare(helper, volume: name)
        let argv = try arguments.restoreVolume(name, helper: helper)
        let result = try await runner.run(binaryPath, argv, environment: environment, timeout: helper.timeout,
                                          stdinPath: path, stdoutPath: nil)
        guard result.succeeded else {
            if result.exitCode == CLIArguments.restoreExtractFailed {
                throw ClawError(.invalidArgument, "\(backend) volume restore: the archive did not extract; "
                    + "the volume was left as it was: \(result.diagnosticTail())")
            }
            throw failure("volume restore", result)
        }
    }

    /// The volume must exist (a run would create an empty one), and a helper left by a killed run
    /// (same name) is removed so the name is free.
    private func prepare(_ helper: VolumeArchiveHelper, volume: String) async throws {
        guard try await volumeExists(name: volume) else {
            throw ClawError(.notFound, "\(backend) volume \(volume) not found", param: "name")
        }
        try await removeContainer(helper.name, force: true)
    }
}

extension CLIArguments {
    /// Exit code of the restore script when `tar -x` failed (the old content is untouched).
    static let restoreExtractFailed: Int32 = 97

    /// Extracts stdin into `/data/.clawd-restore`, and only when that succeeded removes the old
    /// content and moves the new one up (with the archive's owner and mode for the root).
    static let restoreScript = """
        set -e
        s=/data/.clawd-restore
        rm -rf "$s"
        mkdir "$s"
        if ! tar -xf - -C "$s"; then rm -rf "$s"; exit 97; fi
        find /data -mindepth 1 -maxdepth 1 ! -name .clawd-restore -exec rm -rf {} \\;
        find "$s" -mindepth 1 -maxdepth 1 -exec mv {} /data/ \\;
        chown "$(stat -c %u:%g "$s")" /data
        chmod "$(stat -c %a "$s")" /data
        rmdir "$s"
        """

    public func archiveVolume(_ volume: String, helper: VolumeArchiveHelper) throws -> [String] {
        try helperRun(volume, helper: helper, readOnly: true, interactive: false)
            + ["--entrypoint", "tar", helper.image, "-cf", "-", "-C", "/data", "."]
    }

    public func restoreVolume(_ volume: String, helper: VolumeArchiveHelper) throws -> [String] {
        try helperRun(volume, helper: helper, readOnly: false, interactive: true)
            + ["--entrypoint", "sh", helper.image, "-c", Self.restoreScript]
    }

    public func importVolume(_ volume: String, helper: VolumeArchiveHelper) throws -> [String] {
        try helperRun(volume, helper: helper, readOnly: false, interactive: true)
            + ["--entrypoint", "tar", helper.image, "-xf", "-", "-C", "/data"]
    }

    func helperRun(_ volume: String, helper: VolumeArchiveHelper, readOnly: Bool, interactive: Bool) throws -> [String] {
        try RuntimeValidation.name(volume)
        try RuntimeValidation.name(helper.name, param: "helper")
        try RuntimeValidation.image(helper.image, param: "helper")
        try Self.validateLabels(helper.labels)
        var argv = ["run", "--rm"]
        if interactive { argv.append("--interactive") }
        argv += ["--pull", "never", "--network", "none", "--log-driver", "none", "--user", "0:0",
                 "--name", helper.name]
        for (key, value) in helper.labels.sorted(by: { $0.key < $1.key }) { argv += ["--label", "\(key)=\(value)"] }
        return argv + ["--volume", "\(volume):/data" + (readOnly ? ":ro" : "")]
    }
}
