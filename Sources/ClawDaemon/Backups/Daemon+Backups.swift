import ClawCore
import ClawStore
import Foundation

extension Daemon {
    /// The backup records and their directory `<data_dir>/backups` (mode 0700: archives hold the
    /// instances' data, secrets file included).
    func openBackups(_ instances: InstanceService) throws(ClawError) -> BackupService {
        let directory = settings.dataDir + "/backups"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw ClawError(.storage, "cannot create backup directory \(directory): \(error.localizedDescription)")
        }
        return BackupService(instances: instances, directory: directory, defaults: settings.backup.defaults)
    }
}
