import ClawCore
import GRDB

/// Every agent run is also an operation (same id, kind `container.run`, no instance), so a
/// client waits for it at `/v1/operations/{runId}/wait` like for any other asynchronous
/// action, and each step appends a `run.*` event in the transaction that made it.
extension ContainerRunStore {
    public static let operationKind = "container.run"

    enum RunEvent: String {
        case created = "run.created"
        case started = "run.started"
        case retrying = "run.retrying"
        case finished = "run.finished"
        case failed = "run.failed"
    }

    /// The operation of a new run (pending) and its `run.created` event.
    static func runCreated(_ db: Database, _ run: ContainerRun, now: Timestamp) throws {
        try db.execute(sql: """
            INSERT INTO operations(id, org_id, instance_id, kind, status, created_at, updated_at)
            VALUES (?, ?, NULL, ?, 'pending', ?, ?)
            """, arguments: [run.id, run.orgID, operationKind, now.millis, now.millis])
        try event(db, .created, runID: run.id, orgID: run.orgID, data: ["group": run.group, "kind": run.kind.rawValue], now: now)
    }

    /// A run moved to `status` (`error` for failures): its operation follows and an event tells.
    static func runMoved(_ db: Database, id: String, to status: RunStatus, error: String?, now: Timestamp) throws {
        guard let orgID = try String.fetchOne(db, sql: "SELECT org_id FROM container_runs WHERE id = ?", arguments: [id]) else {
            return
        }
        let (opStatus, type): (String, RunEvent) = switch status {
        case .queued: ("pending", .retrying)
        case .running: ("running", .started)
        case .succeeded: ("succeeded", .finished)
        case .failed, .timeout: ("failed", .failed)
        }
        try db.execute(sql: "UPDATE operations SET status = ?, error = ?, updated_at = ? WHERE id = ? AND kind = ?",
                       arguments: [opStatus, status.isFinal && status != .succeeded ? error ?? status.rawValue : nil,
                                   now.millis, id, operationKind])
        var data = ["status": status.rawValue]
        if let error, status != .succeeded { data["error"] = String(error.prefix(500)) }
        try event(db, type, runID: id, orgID: orgID, data: data, now: now)
    }

    /// Queued runs deleted with their schedule: their operations fail, no event (the run is gone).
    static func runsRemoved(_ db: Database, ids: [String], now: Timestamp) throws {
        for id in ids {
            try db.execute(sql: """
                UPDATE operations SET status = 'failed', error = 'removed with its schedule', updated_at = ?
                WHERE id = ? AND kind = ? AND status IN ('pending', 'running')
                """, arguments: [now.millis, id, operationKind])
        }
    }

    private static func event(_ db: Database, _ type: RunEvent, runID: String, orgID: String, data: [String: String],
                              now: Timestamp) throws {
        var data = data
        data["runId"] = runID
        _ = try Store.appendEvent(db, orgID: orgID, type: type.rawValue, instanceID: nil, data: data, at: now)
    }
}
