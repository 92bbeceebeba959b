import ClawCore
import ClawStore
import Foundation

/// The container dialect's objects of part 2 (camelCase, nulls kept).
enum ContainerRunsJSON {
    static func time(_ t: Timestamp?) -> Any { t.map { $0.iso8601 as Any } ?? NSNull() }
    static func opt(_ v: Any?) -> Any { v ?? NSNull() }

    static func group(_ g: ContainerGroup) -> [String: Any] {
        ["id": g.id, "name": g.name, "description": g.description, "isMain": g.isMain, "chatJids": g.chatJids,
         "containerConfig": g.containerConfig.jsonObject, "createdAt": g.createdAt.iso8601, "updatedAt": g.updatedAt.iso8601]
    }

    static func run(_ r: ContainerRun) -> [String: Any] {
        ["runId": r.id, "group": r.group, "kind": r.kind.rawValue, "status": r.status.rawValue, "output": opt(r.output),
         "error": opt(r.error), "attempt": r.attempt, "scheduleId": opt(r.scheduleID), "timeoutSecs": r.timeoutSecs,
         "contextMode": r.contextMode,
         "createdAt": r.createdAt.iso8601, "startedAt": time(r.startedAt), "finishedAt": time(r.finishedAt),
         "durationMs": opt(r.durationMs)]
    }

    static func queueGroup(_ g: QueueGroupState) -> [String: Any] {
        ["group": g.group, "active": g.activeRun != nil,
         "containerName": opt(g.activeRun?.containerName),
         "runId": opt(g.activeRun?.runID), "pendingMessages": g.pendingMessages, "pendingTasks": g.pendingTasks,
         "retryCount": g.retryCount]
    }

    static func counts(_ c: QueueCounts) -> [String: Any] {
        ["active": c.active, "waiting": c.waiting, "pendingMessages": c.pendingMessages, "pendingTasks": c.pendingTasks,
         "maxConcurrent": c.maxConcurrent]
    }

    static func schedule(_ s: ContainerSchedule) -> [String: Any] {
        let value: Any = if case .interval(let ms) = s.schedule { ms } else { s.schedule.value }
        return ["id": s.id, "name": s.name, "group": s.group, "prompt": s.prompt,
                "schedule": ["type": s.schedule.type, "value": value], "containerConfig": ["timeoutSecs": s.timeoutSecs],
                "contextMode": s.contextMode, "enabled": s.enabled, "status": s.status.rawValue,
                "nextRun": time(s.nextRun), "lastRun": time(s.lastRun), "lastResult": opt(s.lastResult),
                "createdAt": s.createdAt.iso8601, "updatedAt": s.updatedAt.iso8601]
    }

    static func log(_ l: ScheduleLog) -> [String: Any] {
        ["runId": l.runID, "runAt": l.runAt.iso8601, "durationMs": l.durationMs, "status": l.success ? "success" : "error",
         "result": opt(l.result), "error": opt(l.error)]
    }

    static func audit(_ a: AuditEntry) -> [String: Any] {
        ["id": a.id, "at": a.at.iso8601, "actor": a.actor, "action": a.action, "target": a.target, "outcome": a.outcome,
         "detail": opt(a.detail)]
    }
}
