import ClawCore
import ClawStore
import Logging

/// What each due deadline does, logged under its owner's label.
extension DeadlineHandlers {
    static let instanceLog = Logger(label: "clawd.deadlines")
    static let billingLog = Logger(label: "clawd.billing")
    static let backupLog = Logger(label: "clawd.backups")
    static let scheduleLog = Logger(label: "clawd.schedules")

    /// Expiry or retention: the lifecycle report (a no-op when the instance has moved on).
    func fireLifecycle(_ command: LifecycleCommand, instanceID: String, at: Timestamp, now: Timestamp) async {
        do {
            let changed = try await instances.report(command, instanceID: instanceID, now: now)
            Self.instanceLog.info("deadline fired", metadata: [
                "instance": "\(instanceID)", "kind": "\(command == .expire ? "expiry" : "retention")",
                "at": "\(at.iso8601)", "applied": "\(changed != nil)",
            ])
        } catch {
            Self.instanceLog.error("deadline failed", metadata: ["instance": "\(instanceID)", "error": "\(error)"])
        }
    }

    /// One low-balance check per org, however many of its instances came due together.
    func checkLowBalance(orgIDs: Set<String>, now: Timestamp) async {
        for orgID in orgIDs.sorted() {
            do {
                if try await instances.checkLowBalance(orgID: orgID, now: now) {
                    Self.billingLog.notice("low balance", metadata: ["org": "\(orgID)"])
                }
            } catch {
                Self.billingLog.error("low balance check failed", metadata: ["org": "\(orgID)", "error": "\(error)"])
            }
        }
    }

    /// The add-on's schedule: a pending backup (the worker takes it) and the next run.
    func fireBackupSchedule(instanceID: String, due: Timestamp, now: Timestamp) async {
        guard let backups else { return }
        do {
            let fired = try await backups.fireSchedule(instanceID: instanceID, due: due, now: now)
            Self.backupLog.info("backup schedule fired", metadata: [
                "instance": "\(instanceID)", "backup": "\(fired.backup.map { "\($0.id)" } ?? "-")",
                "next": "\(fired.next?.iso8601 ?? "-")",
            ])
        } catch {
            Self.backupLog.error("backup deadline failed", metadata: ["instance": "\(instanceID)", "error": "\(error)"])
        }
    }

    /// A backup's expiry: archive and row deleted.
    func expireBackup(_ backupID: Int64, now: Timestamp) async {
        guard let backups else { return }
        do {
            if try await backups.expire(backupID: backupID, now: now) {
                Self.backupLog.info("backup expired", metadata: ["backup": "\(backupID)"])
            }
        } catch {
            Self.backupLog.error("backup deadline failed", metadata: ["backup": "\(backupID)", "error": "\(error)"])
        }
    }

    /// A container-API schedule: a queued task run and the next slot. A slot that passed while
    /// clawd was down fires once at boot; an interval continues on its grid from now.
    func fireContainerSchedule(_ id: String, due: Timestamp, now: Timestamp) async {
        guard let containerRuns else { return }
        do {
            let run = try await containerRuns.fireSchedule(id: id, due: due, now: now)
            Self.scheduleLog.info("schedule fired", metadata: ["schedule": "\(id)", "run": "\(run?.id ?? "-")"])
        } catch {
            Self.scheduleLog.error("schedule failed", metadata: ["schedule": "\(id)", "error": "\(error)"])
        }
    }
}
