import ClawCore
import ClawStore

/// The `backup_*` settings (etc/clawd.yaml documents each one).
public struct BackupSettings: Sendable, Equatable {
    /// Cron schedule of an add-on nobody configured yet (it is disabled until PATCHed).
    public var schedule = "0 3 * * *"
    /// Days every backup of an instance is kept, unless its add-on says otherwise.
    public var retentionDays = 7
    /// Take a backup before a rebuild replaces the container and before retention deletes the volume.
    public var automatic = true
    /// Image of the helper container that streams tar; nil: the instance's own image.
    public var helperImage: String?
    /// How long one archive or restore may take.
    public var timeoutSeconds = 3600

    public init() {}

    public var defaults: BackupDefaults { BackupDefaults(schedule: schedule, retentionDays: retentionDays) }
}

extension SettingsKey {
    static let backupKeys: [SettingsKey] = [
        .init(name: "backup_schedule") { s, v throws(SettingsProblem) in
            do throws(ClawError) { _ = try CronSchedule(v) } catch { throw SettingsProblem(error.message) }
            s.backup.schedule = v
        },
        .init(name: "backup_retention_days") { s, v throws(SettingsProblem) in
            s.backup.retentionDays = try SettingsParse.int(v, 1...3650)
        },
        .init(name: "backup_automatic") { s, v throws(SettingsProblem) in s.backup.automatic = try SettingsParse.bool(v) },
        .init(name: "backup_helper_image") { s, v throws(SettingsProblem) in
            guard !v.isEmpty else { s.backup.helperImage = nil; return }
            guard Validation.isImageReference(v) else { throw SettingsProblem("'\(v)' is not a valid image reference") }
            s.backup.helperImage = v
        },
        .init(name: "backup_timeout_seconds") { s, v throws(SettingsProblem) in
            s.backup.timeoutSeconds = try SettingsParse.int(v, 10...86_400)
        },
    ]
}
