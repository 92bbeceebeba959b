import ClawCore
import ClawWire
import Foundation

/// The IPC directories of agent runs: `<dataDir>/ipc/<group>/{input,messages,tasks}`, mounted
/// at `/workspace/ipc`. Follow-ups are JSON files written tmp + rename, so a polling agent never
/// reads half a file; `_close` ends a run.
struct IPCDirectories: Sendable {
    static let subdirectories = ["input", "messages", "tasks"]
    let root: String

    func path(of group: String) throws -> String {
        try GroupName.validate(group, param: "group")
        return root + "/" + group
    }

    /// Creates the group's directories; `created` is false when they all existed.
    func create(group: String) throws -> (path: String, created: Bool) {
        let dir = try path(of: group)
        let fm = FileManager.default
        var created = false
        for sub in Self.subdirectories where !fm.fileExists(atPath: dir + "/" + sub) {
            do {
                try fm.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true,
                                       attributes: [.posixPermissions: 0o750])
            } catch {
                throw ClawError(.storage, "cannot create \(dir)/\(sub): \(error.localizedDescription)")
            }
            created = true
        }
        return (dir, created)
    }

    /// Writes `input/<ms>-<rand>.json` = `{"type":"message","text":…}` atomically.
    func writeFollowUp(group: String, text: String, now: Date = Date()) throws -> String {
        let dir = try create(group: group).path + "/input"
        let name = "\(Int64(now.timeIntervalSince1970 * 1000))-\(Identifier.make(prefix: "", length: 6)).json"
        let data = try Wire.encode(FollowUpMessage(text: text))
        try AtomicFile.write(data, to: dir + "/" + name, mode: 0o600)
        return dir + "/" + name
    }

    /// Writes an empty `input/_close`.
    func writeClose(group: String) throws {
        let dir = try create(group: group).path + "/input"
        try AtomicFile.write(Data(), to: dir + "/_close", mode: 0o600)
    }
}

/// A follow-up message file in a group's `input/`, as the agent runner reads it.
private struct FollowUpMessage: Encodable {
    var type = "message"
    var text: String
}
