import ClawCore
import ClawStore
import Foundation
import Hummingbird

extension RouterBuilding {
    static func addContainerQueueRoutes(_ g: RouterGroup<APIContext>, api: ContainerRunRoutes) {
        g.get("queue/groups") { _, context in
            let runs = try api.get()
            let visible = Set(try runs.runs.groups(orgID: context.orgID).map(\.name))
            return ContainerJSON.response(runs.queue.groups().filter { visible.contains($0.group) }.map(ContainerRunsJSON.queueGroup))
        }

        g.get("queue/groups/:group") { _, context in
            let name = try context.parameters.require("group")
            _ = try Self.ownedGroup(name, api: api, context: context)
            return ContainerJSON.response(ContainerRunsJSON.queueGroup(try api.get().queue.group(name)))
        }

        g.get("queue/counts") { _, _ in ContainerJSON.response(ContainerRunsJSON.counts(try api.get().queue.counts())) }

        g.get("queue/max-concurrent") { _, _ in
            ContainerJSON.response(["maxConcurrent": try api.get().queue.counts().maxConcurrent])
        }

        g.put("queue/max-concurrent") { request, context in
            try ContainerOperator.require(request, context, env: api.env, action: "queue.max-concurrent")
            let body = try await LooseBody.read(request, context: context)
            try body.allowOnly(["maxConcurrent"])
            guard let n = try body.int("maxConcurrent", range: 1...256) else {
                throw ClawError(.invalidArgument, "'maxConcurrent' is required", param: "maxConcurrent")
            }
            let queue = try api.get().queue
            let was = queue.counts().maxConcurrent
            queue.setMaxConcurrent(n)
            ContainerAudit(env: api.env).record(context, "queue.max-concurrent", target: "maxConcurrent", outcome: "ok",
                                                detail: "\(n) (was \(was))")
            return ContainerJSON.response(["maxConcurrent": queue.counts().maxConcurrent])
        }

        g.post("runs") { request, context in
            let body = try await LooseBody.read(request, context: context)
            try body.allowOnly(["group", "prompt", "timeoutSecs", "kind"])
            let group = try body.string("group", required: true, maxLength: 64)!
            let prompt = try body.string("prompt", required: true, maxLength: 256 * 1024, allowControl: true)!
            let timeout = try body.int("timeoutSecs", range: 0...86_400)
            let kindText = try body.string("kind", maxLength: 16) ?? RunKind.message.rawValue
            guard let kind = RunKind(rawValue: kindText) else {
                throw ClawError(.invalidArgument, "'kind' must be task or message", param: "kind")
            }
            _ = try Self.ownedGroup(group, api: api, context: context)
            let run = try api.get().runs.enqueueRun(group: group, orgID: context.orgID, prompt: prompt, kind: kind,
                                                    timeoutSecs: timeout)
            return ContainerJSON.response(.accepted, ["runId": run.id, "status": run.status.rawValue])
        }

        g.get("runs/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let run = try api.get().runs.run(id: id, orgID: context.orgID) else {
                throw ClawError(.notFound, "run \(id) not found")
            }
            return ContainerJSON.response(ContainerRunsJSON.run(run))
        }
    }
}
