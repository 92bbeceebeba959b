import ClawCore
import ClawServices
import ClawStore
import Foundation

/// What an instance's worker needs to take and restore backups: the backup records, the
/// settings and the local engine that archives volumes (only a local engine can). The runtime work itself happens inside the worker (`InstanceWorker+Backups`), so
/// it never interleaves with the instance's other runtime steps.
public struct BackupJobs: Sendable {
    public let service: BackupService
    public let settings: BackupSettings
    /// Streams volumes to and from tar archives through helper containers.
    let volumes: any ContainerRuntime

    public init(service: BackupService, settings: BackupSettings, volumes: any ContainerRuntime) {
        self.service = service
        self.settings = settings
        self.volumes = volumes
    }

    /// The throwaway container that streams the volume's tar: the instance's image (sure to be
    /// present, and the one that uses the volume) unless configured otherwise.
    func helper(_ instance: Instance, installID: String) -> VolumeArchiveHelper {
        VolumeArchiveHelper(image: settings.helperImage ?? instance.image, name: Self.helperName(instance.id),
                            labels: [RuntimeNames.installLabel: installID, RuntimeNames.instanceLabel: instance.id],
                            timeout: .seconds(settings.timeoutSeconds))
    }

    static func helperName(_ instanceID: String) -> String { RuntimeNames.container(instanceID) + "-backup" }

    /// `<instanceID>/<backupID>.tar`, relative to the backup directory.
    static func file(_ backup: BackupRecord) -> String { "\(backup.instanceID)/\(backup.id).tar" }
}
