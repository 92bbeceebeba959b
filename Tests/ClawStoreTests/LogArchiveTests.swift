import ClawStore
import ClawTestSupport
import Foundation
import Testing

@Suite("LogArchive: logs of replaced containers under the data dir")
struct LogArchiveTests {
    @Test("saves generations, answers the newest (with tail), keeps only the newest three, removes all on delete")
    func rotation() throws {
        let dir = try TestPaths.makeTempDir("logs")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let archive = LogArchive(directory: dir + "/logs")
        #expect(archive.latest(instanceID: "c1") == nil)
        for generation in 1...5 {
            try archive.save(instanceID: "c1", generation: generation, text: "a\(generation)\nb\(generation)\nc\(generation)\n")
        }
        try archive.save(instanceID: "c2", generation: 1, text: "other\n")
        #expect(archive.generations(instanceID: "c1") == [3, 4, 5])
        let newest = try #require(archive.latest(instanceID: "c1"))
        #expect(newest.generation == 5 && newest.text == "a5\nb5\nc5\n")
        #expect(archive.latest(instanceID: "c1", tail: 2)?.text == "b5\nc5\n")
        #expect(archive.latest(instanceID: "c1", tail: 10)?.text == "a5\nb5\nc5\n")
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/logs/c1/gen-5.log")[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o640)
        archive.remove(instanceID: "c1")
        #expect(archive.latest(instanceID: "c1") == nil)
        #expect(archive.latest(instanceID: "c2")?.text == "other\n")
    }
}
