import ClawCore
import GRDB

/// A group (namespace) of the container API.
public struct ContainerGroup: Sendable, Equatable {
    public var id: String
    public var name: String
    public var orgID: String
    public var description: String
    public var isMain: Bool
    public var chatJids: [String]
    /// Extra mounts its runs ask for (decided at each run start).
    public var containerConfig: GroupContainerConfig
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
}

/// One agent run (`GET /container/runs/{id}`, run history).
public struct ContainerRun: Sendable, Equatable {
    public var id: String
    public var group: String
    public var orgID: String
    public var kind: RunKind
    public var prompt: String
    public var status: RunStatus
    public var output: String?
    public var error: String?
    /// 0: no limit.
    public var timeoutSecs: Int
    public var attempt: Int
    public var scheduleID: String?
    /// `group`: the group's sessions directory; `isolated`: a fresh one, deleted after the run.
    public var contextMode: String
    public var containerName: String?
    public var createdAt: Timestamp
    public var startedAt: Timestamp?
    public var finishedAt: Timestamp?
    public var durationMs: Int64?

    public var queued: QueuedRun { QueuedRun(runID: id, group: group, kind: kind, attempt: attempt) }
}

public enum ScheduleStatus: String, Sendable, Codable {
    case active, paused, completed
}

public struct ContainerSchedule: Sendable, Equatable {
    public var id: String
    public var orgID: String
    public var name: String
    public var group: String
    public var prompt: String
    public var schedule: RunSchedule
    public var timeoutSecs: Int
    public var contextMode: String
    public var enabled: Bool
    public var status: ScheduleStatus
    public var nextRun: Timestamp?
    public var lastRun: Timestamp?
    public var lastResult: String?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
}

public struct ScheduleLog: Sendable, Equatable {
    public var runID: String
    public var runAt: Timestamp
    public var durationMs: Int64
    public var status: ScheduleLogStatus
    public var result: String?
    public var error: String?
}

public struct AuditEntry: Sendable, Equatable {
    public var id: Int64
    public var at: Timestamp
    public var orgID: String?
    public var actor: String
    public var action: String
    public var target: String
    public var outcome: String
    public var detail: String?

    public init(id: Int64 = 0, at: Timestamp, orgID: String?, actor: String, action: String, target: String,
                outcome: String, detail: String? = nil) {
        (self.id, self.at, self.orgID, self.actor, self.action, self.target, self.outcome, self.detail)
            = (id, at, orgID, actor, action, target, outcome, detail)
    }
}

extension Row {
    func ts(_ column: String) -> Timestamp? { (self[column] as Int64?).map(Timestamp.init(millis:)) }
}

extension ContainerRunStore {
    static func group(_ r: Row) -> ContainerGroup {
        ContainerGroup(id: r["id"], name: r["name"], orgID: r["org_id"], description: r["description"],
                       isMain: r["is_main"], chatJids: ContainerRunStore.decodeList(r["chat_jids_json"]),
                       containerConfig: GroupContainerConfig.stored(r["container_config_json"]),
                       createdAt: r.ts("created_at")!, updatedAt: r.ts("updated_at")!)
    }

    static func run(_ r: Row) -> ContainerRun {
        ContainerRun(id: r["id"], group: r["group_name"], orgID: r["org_id"],
                     kind: RunKind(rawValue: r["kind"]) ?? .message, prompt: r["prompt"],
                     status: RunStatus(rawValue: r["status"]) ?? .failed, output: r["output"], error: r["error"],
                     timeoutSecs: r["timeout_secs"], attempt: r["attempt"], scheduleID: r["schedule_id"],
                     contextMode: r["context_mode"], containerName: r["container_name"], createdAt: r.ts("created_at")!,
                     startedAt: r.ts("started_at"), finishedAt: r.ts("finished_at"), durationMs: r["duration_ms"])
    }

    static func schedule(_ r: Row) -> ContainerSchedule? {
        guard let spec = try? RunSchedule(type: r["type"], value: r["value"]) else { return nil }
        return ContainerSchedule(id: r["id"], orgID: r["org_id"], name: r["name"], group: r["group_name"],
                                 prompt: r["prompt"], schedule: spec, timeoutSecs: r["timeout_secs"],
                                 contextMode: r["context_mode"], enabled: r["enabled"],
                                 status: ScheduleStatus(rawValue: r["status"]) ?? .paused, nextRun: r.ts("next_run"),
                                 lastRun: r.ts("last_run"), lastResult: r["last_result"],
                                 createdAt: r.ts("created_at")!, updatedAt: r.ts("updated_at")!)
    }
}
