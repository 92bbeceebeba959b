import ClawCore
@testable import ClawServices
@testable import ClawStore
import ClawTestSupport
import Foundation
import GRDB
import Synchronization
import Testing

/// A file database with one org, a running instance, and a backup service writing to a temp dir.
final class BackupStoreFixture: Sendable {
    let dir: String
    let store: Store
    let instances: InstanceService
    let service: BackupService
    let orgID: String
    let recorder = Recorder()

    /// Subscribed to both services at construction: what they told after each commit.
    final class Recorder: CommitSubscriber, BackupDeadlineSubscriber, Sendable {
        let changes = Mutex<[CommittedChange]>([])
        let deadlines = Mutex<[BackupDeadline]>([])
        func committed(_ change: CommittedChange) { changes.withLock { $0.append(change) } }
        func backupDeadlinesMoved(_ list: [BackupDeadline]) { deadlines.withLock { $0 += list } }
    }

    init() async throws {
        dir = try TestPaths.makeTempDir("bk")
        store = try Store(path: dir + "/clawd.sqlite")
        instances = InstanceService(store: store, config: InstanceServiceConfig(
            policy: .default, image: "localhost/img:1", portRange: 40_000...40_100), subscribers: [recorder])
        service = BackupService(instances: instances, directory: dir + "/backups", subscribers: [recorder])
        orgID = try await store.createOrg(name: "org", email: nil).id
        _ = try await store.credit(orgID: orgID, amount: Cents(100_000), description: "test")
    }

    /// A RUNNING instance (as the worker would report it).
    func running(_ subdomain: String = "bot") async throws -> Instance {
        let (created, _) = try await instances.create(orgID: orgID, subdomain: subdomain, defaultModel: nil, tier: .budget, imConfig: nil)
        try await instances.report(.provisioningStarted, instanceID: created.id)
        return try await #require(try instances.report(.provisioned, instanceID: created.id))
    }

    func num(_ instance: Instance) async throws -> Int64 {
        try await #require(try store.read { db in try Int64.fetchOne(db, sql: "SELECT num FROM instances WHERE id = ?", arguments: [instance.id]) })
    }

    /// Writes `content` as the backup's archive and records it completed with its real checksum.
    func completed(_ backup: BackupRecord, content: String = "archive bytes") async throws -> BackupRecord {
        let file = "\(backup.instanceID)/\(backup.id).tar"
        try FileManager.default.createDirectory(atPath: service.directory + "/" + backup.instanceID,
                                                withIntermediateDirectories: true)
        try Data(content.utf8).write(to: URL(fileURLWithPath: service.path(file)))
        let (sha, size) = try BackupFiles.sha256(service.path(file))
        try await service.complete(backup, file: file, sizeBytes: size, sha256: sha)
        return try await #require(try service.backup(id: backup.id, orgID: nil))
    }
}

@Suite("Backup records, restores and the add-on in SQLite")
struct BackupStoreTests {
    @Test("a manual backup is a pending row that wakes the worker; only an instance with a volume can have one")
    func manualRequest() async throws {
        let f = try await BackupStoreFixture()
        let (pending, _) = try await f.instances.create(orgID: f.orgID, subdomain: "early", defaultModel: nil, tier: .budget, imConfig: nil)
        let early = await #expect(throws: ClawError.self) { try await f.service.requestBackup(instanceID: pending.id, orgID: f.orgID) }
        #expect(early?.code == .conflict)

        let instance = try await f.running()
        let other = try await f.store.createOrg(name: "other", email: nil)
        let foreign = await #expect(throws: ClawError.self) { try await f.service.requestBackup(instanceID: instance.id, orgID: other.id) }
        #expect(foreign?.code == .notFound)

        f.recorder.changes.withLock { $0.removeAll() }
        let now = Timestamp.now()
        let backup = try await f.service.requestBackup(instanceID: instance.id, orgID: f.orgID, now: now)
        let num = try await f.num(instance)
        #expect(backup.status == .pending && backup.kind == .manual && backup.instanceNum == num)
        #expect(backup.expiresAt == now.adding(seconds: 7 * 86_400))
        #expect(f.recorder.changes.withLock { $0.contains { $0.instance.id == instance.id && $0.effects == [.wakeWorker] } })
        #expect(f.recorder.deadlines.withLock { $0 } == [.expiry(backupID: backup.id, at: backup.expiresAt)])
        await #expect(try f.service.pendingBackup(instanceID: instance.id)?.id == backup.id)
        await #expect(try f.service.instancesWithPendingBackups() == [instance.id])
    }

    @Test("completing records file, size and checksum with an event; lists are per org, newest first, paged")
    func completeAndList() async throws {
        let f = try await BackupStoreFixture()
        let a = try await f.running("bot-a"), b = try await f.running("bot-b")
        let first = try await f.completed(try await f.service.requestBackup(instanceID: a.id, orgID: nil))
        #expect(first.status == .completed && first.sizeBytes == 13 && first.sha256?.count == 64 && first.completedAt != nil)
        await #expect(try f.store.eventTypes(instanceID: a.id).last == EventType.backupCompleted)
        let failed = try await f.service.requestBackup(instanceID: b.id, orgID: nil)
        try await f.service.fail(failed, error: "disk full")
        await #expect(try f.service.backup(id: failed.id, orgID: nil)?.status == .failed)
        await #expect(try f.service.backup(id: failed.id, orgID: nil)?.error == "disk full")
        try await f.service.fail(failed, error: "again")  // finished rows do not change
        await #expect(try f.service.backup(id: failed.id, orgID: nil)?.error == "disk full")

        let third = try await f.service.requestBackup(instanceID: a.id, orgID: nil)
        let all = try await f.service.list(orgID: f.orgID, offset: 0, limit: 2)
        #expect(all.total == 3 && all.backups.map(\.id) == [third.id, failed.id])
        await #expect(try f.service.list(orgID: f.orgID, offset: 2, limit: 2).backups.map(\.id) == [first.id])
        await #expect(try f.service.list(orgID: nil, instanceID: a.id, offset: 0, limit: 10).backups.map(\.id) == [third.id, first.id])
        let other = try await f.store.createOrg(name: "other", email: nil)
        await #expect(try f.service.list(orgID: other.id, offset: 0, limit: 10).total == 0)
        await #expect(try f.service.backup(id: first.id, orgID: other.id) == nil)
    }

    @Test("a restore is an operation; a backup not completed, or whose file is gone or resized, is refused with nothing written")
    func restoreRequest() async throws {
        let f = try await BackupStoreFixture()
        let instance = try await f.running()
        let pending = try await f.service.requestBackup(instanceID: instance.id, orgID: nil)
        let notYet = await #expect(throws: ClawError.self) { try await f.service.requestRestore(backupID: pending.id, orgID: nil) }
        #expect(notYet?.code == .conflict)

        let done = try await f.completed(pending)
        let path = f.service.path(done.file!)
        try Data("archive bytes and more".utf8).write(to: URL(fileURLWithPath: path))
        let resized = await #expect(throws: ClawError.self) { try await f.service.requestRestore(backupID: done.id, orgID: nil) }
        #expect(resized?.message.contains("damaged") == true)
        try FileManager.default.removeItem(atPath: path)
        let missing = await #expect(throws: ClawError.self) { try await f.service.requestRestore(backupID: done.id, orgID: nil) }
        #expect(missing?.message.contains("missing") == true)
        await #expect(try f.store.operations(instanceID: instance.id).filter { $0.kind == "restore" }.isEmpty)

        try Data("archive bytes".utf8).write(to: URL(fileURLWithPath: path))
        let other = try await f.store.createOrg(name: "other", email: nil)
        await #expect(throws: ClawError.self) { try await f.service.requestRestore(backupID: done.id, orgID: other.id) }
        let (_, op) = try await f.service.requestRestore(backupID: done.id, orgID: f.orgID)
        #expect(op.kind == "restore" && op.status == "pending")
        await #expect(try f.service.openRestore(instanceID: instance.id)?.operationID == op.id)
        try await f.service.finishRestore(operationID: op.id, backup: done, error: "checksum")
        await #expect(try f.service.openRestore(instanceID: instance.id) == nil)
        await #expect(try f.store.operation(id: op.id, orgID: nil)?.status == "failed")
        await #expect(try f.store.eventTypes(instanceID: instance.id).last == EventType.backupRestoreFailed)
    }

    @Test("the archive check tells a changed byte from the recorded checksum")
    func verify() async throws {
        let f = try await BackupStoreFixture()
        let done = try await f.completed(try await f.service.requestBackup(instanceID: try f.running().id, orgID: nil))
        let path = f.service.path(done.file!)
        try BackupFiles.verify(path, sha256: done.sha256!, backupID: done.id)
        try Data("archive bytex".utf8).write(to: URL(fileURLWithPath: path))
        let changed = #expect(throws: ClawError.self) { try BackupFiles.verify(path, sha256: done.sha256!, backupID: done.id) }
        #expect(changed?.message.contains("checksum") == true)
    }

    @Test("automatic backups are taken once: one pre_rebuild per generation, one pre_delete per instance")
    func automaticOnce() async throws {
        let f = try await BackupStoreFixture()
        var instance = try await f.running()
        await #expect(try f.service.insertAutomatic(instance, kind: .preRebuild) != nil)
        await #expect(try f.service.insertAutomatic(instance, kind: .preRebuild) == nil)
        instance.generation += 1
        await #expect(try f.service.insertAutomatic(instance, kind: .preRebuild)?.generation == instance.generation)
        await #expect(try f.service.insertAutomatic(instance, kind: .preDelete) != nil)
        await #expect(try f.service.insertAutomatic(instance, kind: .preDelete) == nil)
    }

    @Test("the add-on: defaults until patched, validated, scheduled; a schedule fires once per due time")
    func addonSchedule() async throws {
        let f = try await BackupStoreFixture()
        let instance = try await f.running()
        let id = try await f.num(instance)
        let initial = try await #require(try f.service.addon(id: id, orgID: f.orgID))
        #expect(!initial.enabled && initial.schedule == "0 3 * * *" && initial.retentionDays == 7 && initial.nextRunAt == nil)
        await #expect(try f.service.addon(id: id, orgID: try f.store.createOrg(name: "x", email: nil).id) == nil)
        await #expect(try f.service.addons(orgID: f.orgID, offset: 0, limit: 10).addons.map(\.id) == [id])

        let bad = await #expect(throws: ClawError.self) {
            try await f.service.updateAddon(id: id, orgID: f.orgID, enabled: true, schedule: "every day", retentionDays: nil)
        }
        #expect(bad?.param == "schedule")
        await #expect(throws: ClawError.self) {
            try await f.service.updateAddon(id: id, orgID: f.orgID, enabled: true, schedule: nil, retentionDays: 0)
        }
        await #expect(try f.service.addon(id: id, orgID: nil) == initial)

        let now = Timestamp(iso8601: "2026-03-10T10:07:00Z")!
        let enabled = try await f.service.updateAddon(id: id, orgID: f.orgID, enabled: true, schedule: "*/15 * * * *",
                                                retentionDays: 3, now: now)
        #expect(enabled.nextRunAt?.iso8601 == "2026-03-10T10:15:00.000Z")
        #expect(f.recorder.deadlines.withLock { $0.last } == .schedule(instanceID: instance.id, at: enabled.nextRunAt))
        await #expect(try f.service.deadlines().contains(.schedule(instanceID: instance.id, at: enabled.nextRunAt)))

        let due = enabled.nextRunAt!
        let stale = try await f.service.fireSchedule(instanceID: instance.id, due: now, now: due)
        #expect(stale.backup == nil && stale.next == nil)
        let fired = try await f.service.fireSchedule(instanceID: instance.id, due: due, now: due.adding(seconds: 1))
        #expect(fired.backup?.kind == .scheduled && fired.wake?.id == instance.id)
        #expect(fired.backup?.expiresAt == due.adding(seconds: 1 + 3 * 86_400))
        #expect(fired.next?.iso8601 == "2026-03-10T10:30:00.000Z")
        let twice = try await f.service.fireSchedule(instanceID: instance.id, due: due, now: due.adding(seconds: 2))
        #expect(twice.backup == nil)
        await #expect(try f.service.list(orgID: nil, offset: 0, limit: 10).total == 1)

        _ = try await f.service.updateAddon(id: id, orgID: nil, enabled: false, schedule: nil, retentionDays: nil, now: now)
        await #expect(try f.service.addon(id: id, orgID: nil)?.nextRunAt == nil)
        #expect(f.recorder.deadlines.withLock { $0.last } == .schedule(instanceID: instance.id, at: nil))
    }

    @Test("an expired backup loses its archive and its row; a pending or unexpired one stays")
    func expiry() async throws {
        let f = try await BackupStoreFixture()
        let instance = try await f.running()
        let done = try await f.completed(try await f.service.requestBackup(instanceID: instance.id, orgID: nil))
        let pending = try await f.service.requestBackup(instanceID: instance.id, orgID: nil)
        await #expect(try !f.service.expire(backupID: done.id, now: done.expiresAt.adding(seconds: -1)))
        await #expect(try !f.service.expire(backupID: pending.id, now: pending.expiresAt.adding(seconds: 1)))
        await #expect(try f.service.expire(backupID: done.id, now: done.expiresAt))
        #expect(!FileManager.default.fileExists(atPath: f.service.path(done.file!)))
        await #expect(try f.service.backup(id: done.id, orgID: nil) == nil)
        await #expect(try f.service.backup(id: pending.id, orgID: nil) != nil)
    }
}
