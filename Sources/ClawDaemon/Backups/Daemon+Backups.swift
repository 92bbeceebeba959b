import ClawCore
import Foundation

extension Daemon {
    /// The backup directory `<data_dir>/backups`, created with mode 0700 (archives hold the
    /// instances' data, secrets file included).
    static func backupDirectory(_ settings: Settings) throws(ClawError) -> String {
        let directory = settings.dataDir + "/backups"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw ClawError(.storage, "cannot create backup directory \(directory): \(error.localizedDescription)")
        }
        return directory
    }
}
