import ClawCore
import ClawStore
import ClawWire
import Foundation
import Hummingbird

extension RouterBuilding {
    static func addContainerScheduleRoutes(_ g: RouterGroup<APIContext>, api: ContainerRunRoutes) {
        g.get("schedules") { _, context in
            await JSONResponse.make(.ok, try api.get().runs.schedules(orgID: context.orgID).map(ContainerWire.Schedule.init))
        }

        g.post("schedules") { request, context in
            let fields: ScheduleFields
            do { fields = try await Self.scheduleFields(request, context: context, creating: true) } catch let e as UnprocessableSchedule {
                return e.response
            }
            _ = try await Self.ownedGroup(fields.group!, api: api, context: context)
            let s = try await api.get().runs.createSchedule(orgID: context.orgID, fields)
            return JSONResponse.make(.created, ContainerWire.Schedule(s))
        }

        g.get("schedules/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let s = try await api.get().runs.schedule(id: id, orgID: context.orgID) else {
                throw ClawError(.notFound, "schedule \(id) not found")
            }
            return JSONResponse.make(.ok, ContainerWire.Schedule(s))
        }

        g.put("schedules/:id") { request, context in
            let id = try context.parameters.require("id")
            let fields: ScheduleFields
            do { fields = try await Self.scheduleFields(request, context: context, creating: false) } catch let e as UnprocessableSchedule {
                return e.response
            }
            guard try await api.get().runs.schedule(id: id, orgID: context.orgID) != nil else {
                throw ClawError(.notFound, "schedule \(id) not found")
            }
            if let group = fields.group { _ = try await Self.ownedGroup(group, api: api, context: context) }
            let s = try await api.get().runs.updateSchedule(id: id, orgID: context.orgID, fields)
            return JSONResponse.make(.ok, ContainerWire.Schedule(s))
        }

        g.delete("schedules/:id") { _, context in
            let id = try context.parameters.require("id")
            try await api.get().runs.deleteSchedule(id: id, orgID: context.orgID)
            return Response(status: .noContent)
        }

        g.get("schedules/:id/logs") { request, context in
            let id = try context.parameters.require("id")
            let limit = try ContainerRunRoutes.limit(request, fallback: 100)
            return await JSONResponse.make(.ok, try api.get().runs.scheduleLogs(id: id, orgID: context.orgID, limit: limit)
                .map(ContainerWire.ScheduleLogEntry.init))
        }
    }

    /// A schedule body; a bad `schedule` is a 422 naming the problem (cron field, interval, time).
    static func scheduleFields(_ request: Request, context: APIContext, creating: Bool) async throws -> ScheduleFields {
        let body = try Wire.decodeBody(ContainerWire.ScheduleRequest.self,
                                       from: Data(buffer: try await JSONBody.collect(request, context: context)))
        try body.validate(creating: creating)
        var f = ScheduleFields()
        f.name = body.name
        f.group = body.group
        f.prompt = body.prompt
        f.enabled = body.enabled
        f.contextMode = body.contextMode
        f.timeoutSecs = body.containerConfig?.timeoutSecs
        if let schedule = body.schedule {
            do {
                f.schedule = try RunSchedule(type: schedule.type, value: schedule.value.text)
            } catch {
                throw UnprocessableSchedule(error: error)
            }
        }
        return f
    }
}

/// A schedule that decodes but cannot run (bad cron field, interval, time): 422 in the
/// container dialect's shape, naming the problem.
struct UnprocessableSchedule: Error {
    let error: ClawError

    var response: Response { ContainerBody.unprocessable(error, code: "invalid_schedule") }
}
