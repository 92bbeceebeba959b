import ClawCore
import ClawStore
import Foundation

/// Backups and restores run inside the instance's worker, one step among its others: once the
/// instance has converged (a pending restore, then pending backups), and automatically before
/// a rebuild recreates the container and before retention removes the volume.
extension InstanceWorker {
    /// Runs the next restore or backup waiting for this instance. True when one ran: the runtime
    /// may have changed, so the worker observes again.
    func runBackupJobs(_ instance: Instance, _ observation: Observation) async -> Bool {
        guard let jobs = engine.backups else { return false }
        do {
            if let (operationID, backup) = try await jobs.service.openRestore(instanceID: id) {
                await restore(backup, operationID: operationID, instance, observation, jobs)
                return true
            }
            if let backup = try await jobs.service.pendingBackup(instanceID: id) {
                await take(backup, instance, volumeExists: observation.volumeExists, jobs)
                return true
            }
        } catch {
            engine.logger.error("cannot read backup jobs", metadata: ["instance": "\(id)", "error": "\(error)"])
        }
        return false
    }

    /// Before `createContainer` of a rebuild: a `pre_rebuild` backup of this generation (the old
    /// container is gone by now, so the archive is consistent). A failed one is recorded and the
    /// rebuild goes on: a rebuild keeps the volume.
    func backupBeforeRebuild(_ instance: Instance, volumeExists: Bool) async {
        guard let jobs = engine.backups, jobs.settings.automatic, volumeExists,
              let last = try? await jobs.service.lastOperation(instanceID: id), last.kind == OperationKind.rebuild.rawValue, last.open,
              let backup = try? await jobs.service.insertAutomatic(instance, kind: .preRebuild)
        else { return }
        await take(backup, instance, volumeExists: true, jobs)
    }

    /// Before `removeVolume`: a helper left by a killed backup would hold the volume, so it goes
    /// first; when retention is what deletes the instance, a `pre_delete` backup is taken.
    func backupBeforeVolumeRemoval(_ instance: Instance) async {
        guard let jobs = engine.backups else { return }
        try? await jobs.volumes.removeContainer(BackupJobs.helperName(id), force: true)
        guard jobs.settings.automatic,
              let last = try? await jobs.service.lastOperation(instanceID: id), last.kind == OperationKind.purge.rawValue,
              let backup = try? await jobs.service.insertAutomatic(instance, kind: .preDelete)
        else { return }
        await take(backup, instance, volumeExists: true, jobs)
    }

    /// Streams the volume into `<dir>/<instance>/<backup>.tar.partial`, checksums it, renames it
    /// into place and records it. Any failure removes the archive and is recorded on the backup
    /// (never thrown; a record that cannot be written now is kept and retried like a status write).
    func take(_ backup: BackupRecord, _ instance: Instance, volumeExists: Bool, _ jobs: BackupJobs) async {
        let file = BackupJobs.file(backup)
        let final = jobs.service.path(file)
        let partial = final + ".partial"
        let started = ContinuousClock.now
        var moved = false
        do {
            guard volumeExists else {
                throw ClawError(.conflict, "the instance has no volume (it is \(instance.status.rawValue.lowercased()))")
            }
            try FileManager.default.createDirectory(atPath: (final as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try await jobs.volumes.archiveVolume(name: volumeName, to: partial,
                                                   helper: jobs.helper(instance, installID: engine.config.installID))
            let (sha256, size) = try BackupFiles.sha256(partial)
            if FileManager.default.fileExists(atPath: final) { try FileManager.default.removeItem(atPath: final) }
            try FileManager.default.moveItem(atPath: partial, toPath: final)
            moved = true
            try await jobs.service.complete(backup, file: file, sizeBytes: size, sha256: sha256)
            engine.logger.info("backup completed", metadata: [
                "instance": "\(id)", "backup": "\(backup.id)", "kind": "\(backup.kind.rawValue)", "bytes": "\(size)",
                "duration_ms": "\((ContinuousClock.now - started).milliseconds)",
            ])
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            if moved { try? FileManager.default.removeItem(atPath: final) }  // it could not be recorded as completed
            let message = (error as? ClawError)?.message ?? "\(error)"
            engine.logger.warning("backup failed", metadata: ["instance": "\(id)", "backup": "\(backup.id)", "error": "\(message)"])
            await engine.record(.failBackup(backup, error: message), instanceID: id)
        }
    }

    /// Verifies the archive's checksum BEFORE anything else, then stops the container, replaces
    /// the volume's content, writes today's secrets file again (the archive holds the one of its
    /// time) and leaves the start to the planner: an instance that should run is started again,
    /// and the operation closes once it has converged. A failure fails the operation at once.
    func restore(_ backup: BackupRecord, operationID: String, _ instance: Instance, _ observation: Observation,
                 _ jobs: BackupJobs) async {
        do {
            try await jobs.service.markRunning(operationID: operationID)
        } catch {
            // The restore goes on; finishing it below closes the operation either way.
            engine.logger.warning("cannot mark restore running", metadata: ["instance": "\(id)", "op": "\(operationID)",
                                                                            "error": "\(error)"])
        }
        var error: String?
        do {
            guard let file = backup.file, let sha256 = backup.sha256 else {
                throw ClawError(.conflict, "backup \(backup.id) has no archive")
            }
            let path = jobs.service.path(file)
            try BackupFiles.verify(path, sha256: sha256, backupID: backup.id)
            guard observation.volumeExists, !instance.status.isTerminal else {
                throw ClawError(.conflict, "the instance has no volume to restore into")
            }
            if let container = observation.container, container.isUp {
                engine.supervisor.stopping(id, generation: container.generation)
                try await engine.runtime.stopContainer(containerName, timeoutSeconds: engine.config.stopTimeoutSeconds)
            }
            try await jobs.volumes.restoreVolume(name: volumeName, from: path,
                                                   helper: jobs.helper(instance, installID: engine.config.installID))
            try await engine.runtime.deliverSecrets(try engine.store.imConfig(instanceID: id), for: instance)
            engine.logger.info("backup restored", metadata: ["instance": "\(id)", "backup": "\(backup.id)", "op": "\(operationID)"])
        } catch let failure {
            error = (failure as? ClawError)?.message ?? "\(failure)"
            engine.logger.warning("restore failed", metadata: ["instance": "\(id)", "backup": "\(backup.id)", "error": "\(error!)"])
        }
        await engine.record(.finishRestore(operationID: operationID, backup: backup, error: error), instanceID: id)
    }
}
