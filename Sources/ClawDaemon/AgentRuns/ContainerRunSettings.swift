import ClawCore
import Foundation

/// The agent-run queue and schedules (`container_*` keys; etc/clawd.yaml documents each one).
public struct ContainerRunSettings: Sendable, Equatable {
    /// Agent runs at once on the host at start; `PUT /container/queue/max-concurrent` changes it live.
    public var maxConcurrent = RunQueue.defaultMaxConcurrent
    /// The zone cron schedules are read in.
    public var timeZone = "UTC"
    /// A run's timeout when its request names none (seconds, reset on each output; 0: none).
    public var runTimeoutSeconds = 1800
    /// Seconds between the graceful stop of a timed-out run and its kill.
    public var stopGraceSeconds = 10

    public init() {}

    public var zone: TimeZone { TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")! }
}

extension SettingsKey {
    static let containerRunKeys: [SettingsKey] = [
        .init(name: "container_max_concurrent") { s, v throws(SettingsProblem) in
            s.containerRuns.maxConcurrent = try SettingsParse.int(v, 1...256)
        },
        .init(name: "container_timezone") { s, v throws(SettingsProblem) in
            guard TimeZone(identifier: v) != nil else { throw SettingsProblem("'\(v)' is not a time zone name like UTC or Europe/Berlin") }
            s.containerRuns.timeZone = v
        },
        .init(name: "container_run_timeout_seconds") { s, v throws(SettingsProblem) in
            s.containerRuns.runTimeoutSeconds = try SettingsParse.int(v, 0...86_400)
        },
        .init(name: "container_stop_grace_seconds") { s, v throws(SettingsProblem) in
            s.containerRuns.stopGraceSeconds = try SettingsParse.int(v, 0...300)
        },
    ]
}
