import ClawCore
import ClawStore
import ClawWire
import Foundation
import Hummingbird

extension RouterBuilding {
    static func addContainerQueueRoutes(_ g: RouterGroup<APIContext>, api: ContainerRunRoutes) {
        g.get("queue/groups") { _, context in
            let runs = try api.get()
            let visible = await Set(try runs.runs.groups(orgID: context.orgID).map(\.name))
            return JSONResponse.make(.ok, runs.queue.groups().filter { visible.contains($0.group) }.map(ContainerWire.QueueGroup.init))
        }

        g.get("queue/groups/:group") { _, context in
            let name = try context.parameters.require("group")
            _ = try await Self.ownedGroup(name, api: api, context: context)
            return JSONResponse.make(.ok, ContainerWire.QueueGroup(try api.get().queue.group(name)))
        }

        g.get("queue/counts") { _, _ in JSONResponse.make(.ok, ContainerWire.QueueCounts(try api.get().queue.counts())) }

        g.get("queue/max-concurrent") { _, _ in
            JSONResponse.make(.ok, ContainerWire.MaxConcurrent(maxConcurrent: try api.get().queue.counts().maxConcurrent))
        }

        g.put("queue/max-concurrent") { request, context in
            try await ContainerOperator.require(request, context, env: api.env, action: "queue.max-concurrent")
            let n = try await ContainerBody.read(ContainerWire.MaxConcurrent.self, request, context).maxConcurrent
            let queue = try api.get().queue
            let was = queue.counts().maxConcurrent
            queue.setMaxConcurrent(n)
            await ContainerAudit(env: api.env).record(context, "queue.max-concurrent", target: "maxConcurrent", outcome: "ok",
                                                detail: "\(n) (was \(was))")
            return JSONResponse.make(.ok, ContainerWire.MaxConcurrent(maxConcurrent: queue.counts().maxConcurrent))
        }

        g.post("runs") { request, context in
            let body = try await ContainerBody.read(ContainerWire.RunRequest.self, request, context)
            _ = try await Self.ownedGroup(body.group, api: api, context: context)
            let run = try await api.get().runs.enqueueRun(group: body.group, orgID: context.orgID, prompt: body.prompt,
                                                    kind: try body.runKind, timeoutSecs: body.timeoutSecs)
            return JSONResponse.make(.accepted, ContainerWire.RunStarted(runId: run.id, status: run.status.rawValue, operationId: run.id),
                                     headers: [.location: "/v1/operations/\(run.id)"])
        }

        g.get("runs/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let run = try await api.get().runs.run(id: id, orgID: context.orgID) else {
                throw ClawError(.notFound, "run \(id) not found")
            }
            return JSONResponse.make(.ok, ContainerWire.Run(run))
        }
    }
}
