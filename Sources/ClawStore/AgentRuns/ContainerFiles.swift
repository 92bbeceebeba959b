import ClawCore
import Foundation

/// The container API's directories under the data dir (NanoClaw's layout):
/// `groups/<name>/` (workspace, its `CLAUDE.md`), `groups/global/CLAUDE.md`, `sessions/<name>/`,
/// `ipc/<name>/{input,messages,tasks}`, `run-sessions/<runId>/` (isolated runs only, removed
/// after the run). Instruction files are written atomically (tmp + rename).
public struct ContainerFiles: Sendable {
    public let dataDir: String

    public init(dataDir: String) { self.dataDir = dataDir }

    public func workspace(_ group: String) -> String { dataDir + "/groups/" + group }
    public var globalDirectory: String { dataDir + "/groups/" + GroupName.global }
    public func sessions(_ group: String) -> String { dataDir + "/sessions/" + group }
    /// Where `isolated` runs keep their session: one fresh directory per run, deleted after it.
    public var isolatedSessionsRoot: String { dataDir + "/run-sessions" }
    public func isolatedSession(_ runID: String) -> String { isolatedSessionsRoot + "/" + runID }
    public func ipc(_ group: String) -> String { dataDir + "/ipc/" + group }
    func instructionsPath(_ group: String) -> String { workspace(group) + "/CLAUDE.md" }

    /// Creates the group's directories (existing ones are fine).
    public func prepareGroup(_ group: String) throws(ClawError) {
        try GroupName.validate(group)
        for dir in [workspace(group), sessions(group), ipc(group) + "/input", ipc(group) + "/messages",
                    ipc(group) + "/tasks", globalDirectory] {
            try Self.makeDirectory(dir)
        }
    }

    public static func makeDirectory(_ dir: String) throws(ClawError) {
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o750])
        } catch {
            throw ClawError(.storage, "cannot create directory \(dir): \(error.localizedDescription)")
        }
    }

    /// A group's (or, for `global`, the global) instructions; empty when none were written.
    public func instructions(_ group: String) throws(ClawError) -> String {
        try GroupName.validate(group, allowGlobal: true)
        guard let data = FileManager.default.contents(atPath: instructionsPath(group)) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    public func writeInstructions(_ group: String, content: String) throws(ClawError) {
        try GroupName.validate(group, allowGlobal: true)
        try Self.makeDirectory(workspace(group))
        let path = instructionsPath(group)
        let tmp = path + ".tmp-\(Identifier.make(prefix: "", length: 8))"
        do {
            try Data(content.utf8).write(to: URL(fileURLWithPath: tmp))
            if chmod(tmp, 0o640) != 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            if rename(tmp, path) != 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            try? FileManager.default.removeItem(atPath: tmp)
            throw ClawError(.storage, "cannot write instructions of '\(group)': \(error.localizedDescription)")
        }
    }

    /// `merge-instructions`: the global instructions, a blank line, the group's.
    public func mergedInstructions(_ group: String) throws(ClawError) -> String {
        let global = try instructions(GroupName.global), own = try instructions(group)
        return [global, own].filter { !$0.isEmpty }.joined(separator: "\n\n")
    }
}
