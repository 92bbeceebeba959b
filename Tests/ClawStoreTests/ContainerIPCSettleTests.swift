import ClawCore
@testable import ClawStore
import ClawTestSupport
import Foundation
import Testing

/// While a run is active, task files are read only once they stopped changing: a file an agent
/// is still writing in place is neither applied nor moved to ipc/errors.
@Suite("IPC task files read during a run wait until they settle")
struct ContainerIPCSettleTests {
    @Test("a fresh file waits for the next scan; an older one and the final sweep apply at once")
    func settle() async throws {
        let dir = try TestPaths.makeTempDir("ipcs")
        let runs = ContainerRunStore(store: try Store(path: dir + "/clawd.sqlite"), files: ContainerFiles(dataDir: dir), subscribers: [])
        _ = try await runs.createGroup(orgID: "o1", name: "team", description: "", isMain: false, chatJids: [])
        let tasks = runs.files.ipc("team") + "/tasks/"
        let task = #"{"type":"schedule_task","prompt":"p","schedule_type":"once","schedule_value":"2099-01-01T00:00:00Z"}"#
        // Half a file, just written: left alone by a live scan.
        try String(task.prefix(20)).write(toFile: tasks + "half.json", atomically: false, encoding: .utf8)
        // Its mtime a minute ahead: still "just written" however slowly a loaded machine gets to the scan.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: tasks + "half.json")
        try task.write(toFile: tasks + "old.json", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -5)], ofItemAtPath: tasks + "old.json")
        await #expect(runs.processTaskFiles(group: "team", settledFor: 2) == (applied: 1, refused: 0))
        #expect(try FileManager.default.contentsOfDirectory(atPath: tasks) == ["half.json"])
        #expect(!FileManager.default.fileExists(atPath: dir + "/ipc/errors"))
        // The agent finishes the file; the sweep after the run takes everything.
        try task.write(toFile: tasks + "half.json", atomically: false, encoding: .utf8)
        await #expect(runs.processTaskFiles(group: "team") == (applied: 1, refused: 0))
        await #expect(try runs.schedules(orgID: "o1").count == 2)
    }
}
