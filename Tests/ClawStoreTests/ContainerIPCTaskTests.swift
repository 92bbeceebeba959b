import ClawCore
@testable import ClawStore
import ClawTestSupport
import Foundation
import Testing

@Suite("IPC task files: a group's run schedules for itself, main for any group of its org")
struct ContainerIPCTaskTests {
    static func write(_ runs: ContainerRunStore, _ group: String, _ name: String, _ text: String) throws {
        try text.write(toFile: runs.files.ipc(group) + "/tasks/" + name, atomically: true, encoding: .utf8)
    }

    @Test("create, pause, resume, cancel; foreign targets and malformed files go to ipc/errors")
    func tasks() async throws {
        let dir = try TestPaths.makeTempDir("ipct")
        let runs = ContainerRunStore(store: try Store(path: dir + "/clawd.sqlite"), files: ContainerFiles(dataDir: dir), subscribers: [])
        _ = try await runs.createGroup(orgID: "o1", name: "main", description: "", isMain: true, chatJids: [])
        _ = try await runs.createGroup(orgID: "o1", name: "team", description: "", isMain: false, chatJids: [])
        _ = try await runs.createGroup(orgID: "o1", name: "other", description: "", isMain: false, chatJids: [])
        _ = try await runs.createGroup(orgID: "o2", name: "stranger", description: "", isMain: false, chatJids: [])

        try Self.write(runs, "team", "1.json", #"{"type":"schedule_task","prompt":"p","schedule_type":"interval","schedule_value":60000}"#)
        try Self.write(runs, "team", "2.json", #"{"type":"schedule_task","prompt":"p","schedule_type":"cron","schedule_value":"0 9 * * *","targetGroup":"other"}"#)
        try Self.write(runs, "team", "3.json", "not json")
        try Self.write(runs, "team", "4.json", #"{"type":"schedule_task","prompt":"p","schedule_type":"cron","schedule_value":"99 * * * *"}"#)
        await #expect(runs.processTaskFiles(group: "team") == (applied: 1, refused: 3))
        let own = try await runs.schedules(orgID: "o1")
        #expect(own.map(\.group) == ["team"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: runs.files.ipc("team") + "/tasks").isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/ipc/errors").sorted()
                == ["team-2.json", "team-3.json", "team-4.json"])

        // Main may schedule for another group of its org, never for another org's.
        try Self.write(runs, "main", "a.json", #"{"type":"schedule_task","prompt":"p","schedule_type":"once","schedule_value":"2030-01-01T00:00:00Z","targetGroup":"other"}"#)
        try Self.write(runs, "main", "b.json", #"{"type":"schedule_task","prompt":"p","schedule_type":"once","schedule_value":"2030-01-01T00:00:00Z","targetGroup":"stranger"}"#)
        await #expect(runs.processTaskFiles(group: "main") == (applied: 1, refused: 1))
        await #expect(try runs.schedules(orgID: "o2").isEmpty)

        let id = own[0].id
        try Self.write(runs, "other", "p.json", "{\"type\":\"pause_task\",\"taskId\":\"\(id)\"}")
        await #expect(runs.processTaskFiles(group: "other") == (applied: 0, refused: 1))
        try Self.write(runs, "team", "p.json", "{\"type\":\"pause_task\",\"taskId\":\"\(id)\"}")
        await runs.processTaskFiles(group: "team")
        await #expect(try runs.schedule(id: id, orgID: nil)?.status == .paused)
        try Self.write(runs, "main", "r.json", "{\"type\":\"resume_task\",\"taskId\":\"\(id)\"}")
        await runs.processTaskFiles(group: "main")
        await #expect(try runs.schedule(id: id, orgID: nil)?.status == .active)
        try Self.write(runs, "team", "c.json", "{\"type\":\"cancel_task\",\"taskId\":\"\(id)\"}")
        await runs.processTaskFiles(group: "team")
        await #expect(try runs.schedule(id: id, orgID: nil) == nil)
        let audit = try await runs.auditLog(orgID: "o1", since: nil, limit: 100)
        #expect(audit.filter { $0.action == "ipc-task" }.count == 10)
        #expect(audit.contains { $0.actor == "group:team" && $0.outcome == "refused" })
    }
}
