import ClawCore
import ClawStore
import ClawWire

/// The store's records as the container dialect answers them.
extension ContainerWire.Namespace {
    init(_ g: ContainerGroup) {
        self.init(id: g.id, name: g.name, description: g.description, isMain: g.isMain, chatJids: g.chatJids,
                  containerConfig: g.containerConfig, createdAt: g.createdAt.iso8601, updatedAt: g.updatedAt.iso8601)
    }
}

extension ContainerWire.Run {
    init(_ r: ContainerRun) {
        self.init(runId: r.id, group: r.group, kind: r.kind.rawValue, status: r.status.rawValue, output: r.output,
                  error: r.error, attempt: r.attempt, scheduleId: r.scheduleID, timeoutSecs: r.timeoutSecs,
                  contextMode: r.contextMode, createdAt: r.createdAt.iso8601, startedAt: r.startedAt?.iso8601,
                  finishedAt: r.finishedAt?.iso8601, durationMs: r.durationMs)
    }
}

extension ContainerWire.Schedule {
    init(_ s: ContainerSchedule) {
        self.init(id: s.id, name: s.name, group: s.group, prompt: s.prompt, schedule: .init(s.schedule),
                  containerConfig: .init(timeoutSecs: s.timeoutSecs), contextMode: s.contextMode, enabled: s.enabled,
                  status: s.status.rawValue, nextRun: s.nextRun?.iso8601, lastRun: s.lastRun?.iso8601,
                  lastResult: s.lastResult, createdAt: s.createdAt.iso8601, updatedAt: s.updatedAt.iso8601)
    }
}

extension ContainerWire.ScheduleLogEntry {
    init(_ l: ScheduleLog) {
        self.init(runId: l.runID, runAt: l.runAt.iso8601, durationMs: l.durationMs, status: l.status.rawValue,
                  result: l.result, error: l.error)
    }
}

extension ContainerWire.AuditLogEntry {
    init(_ a: AuditEntry) {
        self.init(id: a.id, at: a.at.iso8601, actor: a.actor, action: a.action, target: a.target, outcome: a.outcome,
                  detail: a.detail)
    }
}
