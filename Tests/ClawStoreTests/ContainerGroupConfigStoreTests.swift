import ClawCore
@testable import ClawStore
import ClawTestSupport
import Foundation
import GRDB
import Testing

/// Migration 0009 against a real SQLite file: a group's containerConfig survives a reopen and a
/// PUT replaces it; a run carries the session mode it was queued with.
@Suite("Container group config and run context mode (real SQLite file)")
struct ContainerGroupConfigStoreTests {
    @Test("containerConfig is stored, replaced only when given, and read back after reopening the file")
    func config() async throws {
        let dir = try TestPaths.makeTempDir("gcfg")
        let config = GroupContainerConfig(additionalMounts: [
            MountRequest(hostPath: "/srv/data", containerPath: "data", readOnly: false), MountRequest(hostPath: "~/notes"),
        ])
        do {
            let runs = ContainerRunStore(store: try Store(path: dir + "/clawd.sqlite"), files: ContainerFiles(dataDir: dir), subscribers: [])
            let g = try await runs.createGroup(orgID: "o1", name: "team", description: "", isMain: false, chatJids: [],
                                         containerConfig: config)
            #expect(g.containerConfig == config)
            let plain = try await runs.createGroup(orgID: "o1", name: "plain", description: "", isMain: false, chatJids: [])
            #expect(plain.containerConfig.additionalMounts.isEmpty)
            let kept = try await runs.updateGroup(name: "team", orgID: "o1", description: "d", chatJids: nil)
            #expect(kept.containerConfig == config)
        }
        let runs = ContainerRunStore(store: try Store(path: dir + "/clawd.sqlite"), files: ContainerFiles(dataDir: dir), subscribers: [])
        await #expect(try runs.group(name: "team", orgID: "o1")?.containerConfig == config)
        let cleared = try await runs.updateGroup(name: "team", orgID: "o1", description: nil, chatJids: nil,
                                           containerConfig: GroupContainerConfig())
        #expect(cleared.containerConfig.additionalMounts.isEmpty)
        await #expect(try runs.group(name: "team", orgID: nil)?.containerConfig.additionalMounts.isEmpty == true)
    }

    @Test("a direct run is group mode; a schedule's run takes the schedule's contextMode; the column refuses others")
    func contextMode() async throws {
        let dir = try TestPaths.makeTempDir("gcfg")
        let store = try Store(path: dir + "/clawd.sqlite")
        let runs = ContainerRunStore(store: store, files: ContainerFiles(dataDir: dir), subscribers: [])
        _ = try await runs.createGroup(orgID: "o1", name: "g", description: "", isMain: false, chatJids: [])
        let direct = try await runs.enqueueRun(group: "g", orgID: "o1", prompt: "p", kind: .message, timeoutSecs: nil)
        await #expect(try runs.run(id: direct.id, orgID: nil)?.contextMode == "group")
        var f = ScheduleFields()
        (f.name, f.group, f.prompt, f.contextMode) = ("s", "g", "tick", "isolated")
        f.schedule = try RunSchedule(type: "interval", value: "1000")
        let s = try await runs.createSchedule(orgID: "o1", f, now: Timestamp(millis: 0))
        let fired = try await #require(try runs.fireSchedule(id: s.id, due: Timestamp(millis: 1000), now: Timestamp(millis: 1000)))
        #expect(fired.contextMode == "isolated")
        await #expect(try runs.run(id: fired.id, orgID: nil)?.contextMode == "isolated")
        await #expect(throws: (any Error).self) {
            try await store.write { db in try db.execute(sql: "UPDATE container_runs SET context_mode = 'shared'") }
        }
    }
}
