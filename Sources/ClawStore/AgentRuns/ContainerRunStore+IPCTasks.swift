import ClawCore
import Foundation

extension ContainerRunStore {
    /// What a group's run left in `ipc/<group>/tasks/`: JSON files that create, pause, resume or
    /// cancel schedules. Identity comes from the directory, never from the file: a group acts on
    /// its own schedules, a main group on any group of its org. Applied files are deleted;
    /// malformed or refused ones move to `ipc/errors/`. Every file leaves an audit entry.
    /// `settledFor`: while the run is still writing, only files unchanged for that long are read,
    /// so an agent that writes a file in place (not tmp + rename) is not caught halfway.
    @discardableResult
    public func processTaskFiles(group: String, now: Timestamp = .now(),
                                 settledFor: TimeInterval = 0) async -> (applied: Int, refused: Int) {
        guard GroupName.isValid(group), let owner = try? await self.group(name: group, orgID: nil) else { return (0, 0) }
        let dir = files.ipc(group) + "/tasks"
        let fm = FileManager.default
        let settled = Date(timeIntervalSinceNow: -settledFor)
        let names = ((try? fm.contentsOfDirectory(atPath: dir)) ?? [])
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
            .filter { name in
                settledFor <= 0 || ((try? fm.attributesOfItem(atPath: dir + "/" + name)[.modificationDate] as? Date)
                    .map { $0 <= settled } ?? false)
            }
            .sorted()
        var result = (applied: 0, refused: 0)
        for name in names {
            let path = dir + "/" + name
            let outcome: String
            var detail: String?
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                guard data.count <= 256 * 1024 else { throw ClawError(.invalidArgument, "larger than 256 KiB") }
                detail = try await applyTask(try IPCTaskFile.read(data), from: owner, now: now)
                try? FileManager.default.removeItem(atPath: path)
                outcome = "applied"
                result.applied += 1
            } catch {
                detail = (error as? ClawError)?.message ?? "\(error)"
                let errors = files.dataDir + "/ipc/errors"
                try? ContainerFiles.makeDirectory(errors)
                try? FileManager.default.removeItem(atPath: errors + "/\(group)-\(name)")
                try? FileManager.default.moveItem(atPath: path, toPath: errors + "/\(group)-\(name)")
                outcome = "refused"
                result.refused += 1
            }
            await audit(AuditEntry(at: now, orgID: owner.orgID, actor: "group:\(group)", action: "ipc-task",
                             target: "tasks/\(name)", outcome: outcome, detail: detail))
        }
        return result
    }

    /// Applies one task file; answers what it did.
    func applyTask(_ task: IPCTaskFile, from owner: ContainerGroup, now: Timestamp) async throws -> String {
        func target(_ name: String) async throws -> ContainerGroup {
            guard let g = try await group(name: name, orgID: owner.orgID), owner.isMain || g.name == owner.name else {
                throw ClawError(.notFound, "group '\(name)' is not this group's to schedule for")
            }
            return g
        }
        switch task.type {
        case "schedule_task":
            guard let prompt = task.prompt, let type = task.scheduleType else {
                throw ClawError(.invalidArgument, "schedule_task needs prompt and schedule_type")
            }
            let value = task.scheduleValue ?? ""
            var f = ScheduleFields()
            f.group = try await target(task.targetGroup ?? owner.name).name
            f.prompt = prompt
            f.name = task.name ?? "task from \(owner.name)"
            f.schedule = try RunSchedule(type: type, value: value)
            if let mode = task.contextMode {
                guard mode == "group" || mode == "isolated" else { throw ClawError(.invalidArgument, "bad context_mode") }
                f.contextMode = mode
            }
            let s = try await createSchedule(orgID: owner.orgID, f, now: now)
            return "created schedule \(s.id)"
        case "pause_task", "resume_task", "cancel_task":
            guard let id = task.taskId, let s = try await schedule(id: id, orgID: owner.orgID) else {
                throw ClawError(.notFound, "no such schedule")
            }
            _ = try await target(s.group)
            if task.type == "cancel_task" {
                try await deleteSchedule(id: id, orgID: owner.orgID)
                return "cancelled schedule \(id)"
            }
            var f = ScheduleFields()
            f.enabled = task.type == "resume_task"
            _ = try await updateSchedule(id: id, orgID: owner.orgID, f, now: now)
            return "\(f.enabled! ? "resumed" : "paused") schedule \(id)"
        default:
            throw ClawError(.invalidArgument, "unknown task type")
        }
    }
}
