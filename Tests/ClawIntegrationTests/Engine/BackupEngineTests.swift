import ClawCore
@testable import ClawDaemon
import ClawRuntime
import ClawServices
import ClawStore
import ClawTestSupport
import Foundation
import Testing

/// Backups through the engine against REAL podman (and docker when the private dockerd runs):
/// the worker archives the live volume, restores it as an operation, and takes the automatic
/// backups before a rebuild and before retention deletes the volume.
@Suite("Backups and restores through the engine on a real runtime", .serialized)
struct BackupEngineTests {
    static let state = "/home/node/.openclaw"

    /// The harness with an engine that has backups (by default it has none).
    static func with(_ backend: RuntimeTestBackend, policy: LifecyclePolicy = .default,
                     _ body: @escaping (EngineHarness, BackupService) async throws -> Void) async throws {
        try await EngineHarness.with(backend, policy: policy, backups: BackupSettings()) { h, _ in
            try await body(h, h.core.backups)
        }
    }

    static func exec(_ h: EngineHarness, _ id: String, _ script: String) async throws -> String {
        try await h.podman(["exec", RuntimeNames.container(id), "sh", "-c", script])
    }

    static func waitForBackup(_ service: BackupService, _ id: Int64) async throws -> BackupRecord {
        try await eventually("backup \(id) finished", timeout: .seconds(120)) {
            guard let b = try await service.backup(id: id, orgID: nil), b.status != .pending else { return nil }
            return b
        }
    }

    static func waitForOperation(_ h: EngineHarness, _ id: String) async throws -> OperationRecord {
        try await eventually("operation \(id) finished", timeout: .seconds(120)) {
            guard let op = try await h.store.operation(id: id, orgID: nil), op.isFinished else { return nil }
            return op
        }
    }

    @Test("round trip: back up, change, restore brings the original back and runs again; a tampered archive is refused, volume untouched",
          arguments: EngineHarness.backends)
    func roundTrip(backend: RuntimeTestBackend) async throws {
        try await Self.with(backend) { h, service in
            let created = try await h.create("bk-\(backend)")
            try await h.waitFor(created.id, "running") { $0.status == .running }
            let id = created.id, token = UUID().uuidString
            try await Self.exec(h, id, "echo original-\(token) > \(Self.state)/note.txt")

            let requested = try await service.requestBackup(instanceID: id, orgID: h.orgID)
            let backup = try await Self.waitForBackup(service, requested.id)
            #expect(backup.status == .completed, "\(backup.error ?? "")")
            let archive = service.path(try #require(backup.file))
            let attributes = try FileManager.default.attributesOfItem(atPath: archive)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            #expect(try BackupFiles.sha256(archive).hex == backup.sha256)
            let listing = try await ProcessRunner().run("/bin/tar", ["-tf", archive], timeout: .seconds(10)).stdout
            #expect(listing.contains("./note.txt") && listing.contains("./heartbeat"), "\(listing)")

            try await Self.exec(h, id, "echo changed > \(Self.state)/note.txt; echo new > \(Self.state)/added.txt")
            let before = try #require(try await h.container(id))
            let (_, op) = try await service.requestRestore(backupID: backup.id, orgID: h.orgID)
            let finished = try await Self.waitForOperation(h, op.id)
            #expect(finished.status == "succeeded", "\(finished.error ?? "")")
            let running = try await h.waitFor(id, "running again") { $0.status == .running }
            #expect(running.desired == .running)
            let after = try #require(try await h.container(id))
            #expect(after.state == .running && after.id == before.id)
            #expect(try await Self.exec(h, id, "cat \(Self.state)/note.txt") == "original-\(token)\n")
            #expect(try await Self.exec(h, id, "ls \(Self.state)").contains("added.txt") == false)
            await #expect(try h.store.eventTypes(instanceID: id).contains(EventType.backupRestored))

            // The same size, one byte changed: refused before the volume (or the container) is touched.
            try await Self.exec(h, id, "echo current > \(Self.state)/note.txt")
            var bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
            bytes[bytes.count / 3] ^= 0xFF
            try bytes.write(to: URL(fileURLWithPath: archive))
            let (_, tampered) = try await service.requestRestore(backupID: backup.id, orgID: h.orgID)
            let refused = try await Self.waitForOperation(h, tampered.id)
            #expect(refused.status == "failed")
            #expect(refused.error?.contains("checksum") == true, "\(refused.error ?? "")")
            #expect(refused.error?.contains("volume was not touched") == true)
            #expect(try await Self.exec(h, id, "cat \(Self.state)/note.txt") == "current\n")
            #expect(try await h.container(id)?.id == after.id)
            #expect(try await h.container(id)?.state == .running)

            // A missing archive is refused at the request, with no operation.
            try FileManager.default.removeItem(atPath: archive)
            let missing = await #expect(throws: ClawError.self) { try await service.requestRestore(backupID: backup.id, orgID: h.orgID) }
            #expect(missing?.message.contains("missing") == true)
        }
    }

    @Test("a rebuild takes a pre_rebuild backup of the volume before the new container", arguments: EngineHarness.backends)
    func preRebuild(backend: RuntimeTestBackend) async throws {
        try await Self.with(backend) { h, service in
            let created = try await h.create("pr-\(backend)")
            try await h.waitFor(created.id, "running") { $0.status == .running }
            try await Self.exec(h, created.id, "echo before-rebuild > \(Self.state)/note.txt")
            let (rebuilt, op) = try await h.instances.request(.rebuild(), instanceID: created.id, orgID: nil)
            _ = try await Self.waitForOperation(h, try #require(op).id)
            let backups = try await service.list(orgID: nil, instanceID: created.id, offset: 0, limit: 10).backups
            #expect(backups.map(\.kind) == [.preRebuild])
            let backup = try #require(backups.first)
            #expect(backup.status == .completed && backup.generation == rebuilt.generation, "\(backup.error ?? "")")
            let listing = try await ProcessRunner().run("/bin/tar", ["-xOf", service.path(try #require(backup.file)), "./note.txt"],
                                                        timeout: .seconds(10))
            #expect(listing.stdout == "before-rebuild\n")
        }
    }

    @Test("retention takes a pre_delete backup before the volume goes")
    func preDelete() async throws {
        let policy = LifecyclePolicy(periodSeconds: 15, retentionSeconds: 1)
        try await Self.with(.podman, policy: policy) { h, service in
            let created = try await h.create("pd-podman")
            try await h.waitFor(created.id, "running") { $0.status == .running }
            try await Self.exec(h, created.id, "echo last-words > \(Self.state)/note.txt")
            try await h.waitFor(created.id, "deleted by retention", timeout: .seconds(120)) { $0.status == .deleted }
            try await eventually("volume removed", timeout: .seconds(120)) { try await h.volumeExists(created.id) ? nil : true }
            let backups = try await service.list(orgID: nil, instanceID: created.id, offset: 0, limit: 10).backups
            #expect(backups.map(\.kind) == [.preDelete])
            let backup = try #require(backups.first)
            #expect(backup.status == .completed, "\(backup.error ?? "")")
            let note = try await ProcessRunner().run("/bin/tar", ["-xOf", service.path(try #require(backup.file)), "./note.txt"],
                                                     timeout: .seconds(10))
            #expect(note.stdout == "last-words\n")
        }
    }
}
