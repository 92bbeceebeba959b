import ClawCore
@testable import ClawDaemon
import ClawServices
import ClawStore
import ClawTestSupport
import Foundation
import Testing

@Suite("Backup schedules and expiries on the deadline service")
struct BackupSchedulerTests {
    /// Backup deadlines armed (the instance's own deadlines are on the same queue).
    func backupCount(_ deadlines: Deadlines) -> Int {
        deadlines.count { subject in
            switch subject {
            case .backupSchedule, .backupExpiry: true
            default: false
            }
        }
    }

    @Test("boot arms schedules and expiries and wakes pending work; a due schedule queues a backup and re-arms, an expiry deletes")
    func fires() async throws {
        let dir = try TestPaths.makeTempDir("bs")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try Store(path: dir + "/clawd.sqlite")
        // The engine is composed (its wake-ups are what this checks) but never run.
        let engine = DaemonCore.EngineOptions(runtime: FakeRuntime(), config: EngineConfig(
            installID: "bs", stateDir: "/data", instancePort: 8080, stopTimeoutSeconds: 1, resync: .seconds(600),
            orphanGraceSeconds: 300), backups: nil)
        let core = DaemonCore(store: store, options: DaemonCore.Options(
            instances: InstanceServiceConfig(policy: .default, image: "localhost/img:1", portRange: 40_200...40_300),
            backupDirectory: dir + "/backups", engine: engine))
        let instances = core.instances, service = core.backups, deadlines = core.deadlines, scheduler = core.deadlineService
        let pool = try #require(core.engine).pool
        let org = try await store.createOrg(name: "org", email: nil)
        _ = try await store.credit(orgID: org.id, amount: Cents(10_000), description: "test")
        let (created, _) = try await instances.create(orgID: org.id, subdomain: "bot", defaultModel: nil, tier: .budget, imConfig: nil)
        try await instances.report(.provisioningStarted, instanceID: created.id)
        try await instances.report(.provisioned, instanceID: created.id)
        let num = try await #require(try store.read { db in
            try Int64.fetchOne(db, sql: "SELECT num FROM instances WHERE id = ?", arguments: [created.id])
        })

        let now = Timestamp.now()
        let addon = try await service.updateAddon(id: num, orgID: nil, enabled: true, schedule: "0 * * * *", retentionDays: 1, now: now)
        let leftover = try await service.requestBackup(instanceID: created.id, orgID: nil, now: now)

        // A "dirty" worker was woken again since it was last looked at.
        #expect(pool.isBusy(created.id))
        _ = pool.consumeDirty(created.id)
        try await core.load()
        #expect(backupCount(deadlines) == 2)  // the schedule and the leftover's expiry
        #expect(pool.consumeDirty(created.id), "boot wakes the instance with a pending backup")

        await scheduler.fireDue(now: now)  // nothing due yet
        await #expect(try service.list(orgID: nil, offset: 0, limit: 10).total == 1)

        let due = try #require(addon.nextRunAt)
        await scheduler.fireDue(now: due)
        let backups = try await service.list(orgID: nil, offset: 0, limit: 10).backups
        #expect(backups.map(\.kind) == [.scheduled, .manual])
        #expect(pool.consumeDirty(created.id), "a queued scheduled backup wakes the worker")
        await #expect(try service.addon(id: num, orgID: nil)?.nextRunAt == due.adding(seconds: 3600))
        #expect(backupCount(deadlines) == 3)  // next run, two expiries

        // The leftover completes; once expired it is deleted with its file.
        let file = "\(created.id)/\(leftover.id).tar"
        try FileManager.default.createDirectory(atPath: service.directory + "/" + created.id, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: service.path(file)))
        try await service.complete(leftover, file: file, sizeBytes: 1, sha256: String(repeating: "0", count: 64))
        await scheduler.fireDue(now: leftover.expiresAt)
        await #expect(try service.backup(id: leftover.id, orgID: nil) == nil)
        #expect(!FileManager.default.fileExists(atPath: service.path(file)))
    }
}
