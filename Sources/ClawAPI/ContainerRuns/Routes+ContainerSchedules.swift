import ClawCore
import ClawStore
import Foundation
import Hummingbird

extension RouterBuilding {
    static func addContainerScheduleRoutes(_ g: RouterGroup<APIContext>, api: ContainerRunRoutes) {
        g.get("schedules") { _, context in
            ContainerJSON.response(try api.get().runs.schedules(orgID: context.orgID).map(ContainerRunsJSON.schedule))
        }

        g.post("schedules") { request, context in
            let fields: ScheduleFields
            do { fields = try await Self.scheduleFields(request, context: context, creating: true) } catch let e as UnprocessableSchedule {
                return e.response
            }
            _ = try Self.ownedGroup(fields.group!, api: api, context: context)
            let s = try api.get().runs.createSchedule(orgID: context.orgID, fields)
            return ContainerJSON.response(.created, ContainerRunsJSON.schedule(s))
        }

        g.get("schedules/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let s = try api.get().runs.schedule(id: id, orgID: context.orgID) else {
                throw ClawError(.notFound, "schedule \(id) not found")
            }
            return ContainerJSON.response(ContainerRunsJSON.schedule(s))
        }

        g.put("schedules/:id") { request, context in
            let id = try context.parameters.require("id")
            let fields: ScheduleFields
            do { fields = try await Self.scheduleFields(request, context: context, creating: false) } catch let e as UnprocessableSchedule {
                return e.response
            }
            guard try api.get().runs.schedule(id: id, orgID: context.orgID) != nil else {
                throw ClawError(.notFound, "schedule \(id) not found")
            }
            if let group = fields.group { _ = try Self.ownedGroup(group, api: api, context: context) }
            let s = try api.get().runs.updateSchedule(id: id, orgID: context.orgID, fields)
            return ContainerJSON.response(ContainerRunsJSON.schedule(s))
        }

        g.delete("schedules/:id") { _, context in
            let id = try context.parameters.require("id")
            try api.get().runs.deleteSchedule(id: id, orgID: context.orgID)
            return Response(status: .noContent)
        }

        g.get("schedules/:id/logs") { request, context in
            let id = try context.parameters.require("id")
            let limit = try ContainerRunRoutes.limit(request, fallback: 100)
            return ContainerJSON.response(try api.get().runs.scheduleLogs(id: id, orgID: context.orgID, limit: limit)
                .map(ContainerRunsJSON.log))
        }
    }

    /// A schedule body; a bad `schedule` is a 422 naming the problem (cron field, interval, time).
    static func scheduleFields(_ request: Request, context: APIContext, creating: Bool) async throws -> ScheduleFields {
        let body = try await LooseBody.read(request, context: context)
        try body.allowOnly(["name", "group", "prompt", "schedule", "containerConfig", "contextMode", "enabled"])
        var f = ScheduleFields()
        f.name = try body.string("name", required: creating, maxLength: 200)
        f.group = try body.string("group", required: creating, maxLength: 64)
        f.prompt = try body.string("prompt", required: creating, maxLength: 256 * 1024, allowControl: true)
        f.enabled = try body.bool("enabled")
        if let mode = try body.string("contextMode", maxLength: 16) {
            guard mode == "group" || mode == "isolated" else {
                throw ClawError(.invalidArgument, "'contextMode' must be group or isolated", param: "contextMode")
            }
            f.contextMode = mode
        }
        if let config = try body.object("containerConfig") {
            try config.allowOnly(["timeoutSecs"])
            f.timeoutSecs = try config.int("timeoutSecs", range: 0...86_400)
        }
        if let schedule = try body.object("schedule") {
            try schedule.allowOnly(["type", "value"])
            let type = try schedule.string("type", required: true, maxLength: 16)!
            guard let value = try schedule.scalarText("value") else {
                throw ClawError(.invalidArgument, "'schedule.value' is required", param: "schedule.value")
            }
            do {
                f.schedule = try RunSchedule(type: type, value: value)
            } catch {
                throw UnprocessableSchedule(error: error)
            }
        } else if creating {
            throw ClawError(.invalidArgument, "'schedule' is required", param: "schedule")
        }
        return f
    }
}

/// A schedule that parses as JSON but cannot run (bad cron field, interval, time): 422 in the
/// container dialect's shape, naming the problem. ClawError has no 422 code of its own.
struct UnprocessableSchedule: Error {
    let error: ClawError

    var response: Response {
        var object: [String: Any] = ["error": error.message, "code": "invalid_schedule"]
        if let param = error.param { object["param"] = param }
        return ContainerJSON.response(.unprocessableContent, object)
    }
}
