import ClawCore
import Foundation

/// Rotated logs of replaced containers, under the data directory: `<dir>/<instanceId>/gen-<n>.log`.
/// A rebuild removes the old container and with it the runtime's logs; the engine saves them here
/// first, so `GET /v1/claw/instances/<id>/logs?previous=true` can still show them. The newest
/// `keep` generations are kept per instance; all of them go when the instance is deleted.
public struct LogArchive: Sendable {
    public let directory: String
    public var keep: Int

    public init(directory: String, keep: Int = 3) {
        self.directory = directory
        self.keep = keep
    }

    func instanceDirectory(_ instanceID: String) -> String { directory + "/" + instanceID }

    /// Saves one generation's logs (mode 0640) and drops the generations beyond `keep`.
    public func save(instanceID: String, generation: Int, text: String) throws {
        let dir = instanceDirectory(instanceID)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o750])
        let path = dir + "/gen-\(generation).log"
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o640])
        else { throw ClawError(.storage, "cannot write \(path)") }
        for old in generations(instanceID: instanceID).dropLast(keep) {
            try? FileManager.default.removeItem(atPath: dir + "/gen-\(old).log")
        }
    }

    /// The saved generations of an instance, oldest first.
    public func generations(instanceID: String) -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: instanceDirectory(instanceID))) ?? []
        return names.compactMap { name -> Int? in
            guard name.hasPrefix("gen-"), name.hasSuffix(".log") else { return nil }
            return Int(name.dropFirst(4).dropLast(4))
        }.sorted()
    }

    /// The newest saved generation's logs (its last `tail` lines when given), or nil when none is saved.
    public func latest(instanceID: String, tail: Int? = nil) -> (generation: Int, text: String)? {
        guard let generation = generations(instanceID: instanceID).last,
              let data = FileManager.default.contents(atPath: instanceDirectory(instanceID) + "/gen-\(generation).log")
        else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let tail else { return (generation, text) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        let kept = lines.suffix(tail)
        return (generation, kept.isEmpty ? "" : kept.joined(separator: "\n") + "\n")
    }

    /// Removes every saved generation of an instance (it is gone for good).
    public func remove(instanceID: String) {
        try? FileManager.default.removeItem(atPath: instanceDirectory(instanceID))
    }
}
