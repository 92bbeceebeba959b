import ClawCore
import ClawWire
import Foundation
import Hummingbird

extension RouterBuilding {
    static func addContainerIPCRoutes(_ g: RouterGroup<APIContext>, backend: ContainerRoutes) {
        g.post("ipc/directories") { request, context in
            let body = try await ContainerBody.read(ContainerWire.GroupRequest.self, request, context)
            try await checkGroupAccess(body.group, context, backend: backend)
            return JSONResponse.make(.ok, try await backend.api().createIPCDirectories(group: body.group))
        }
        g.post("ipc/follow-up") { request, context in
            let body = try await ContainerBody.read(ContainerWire.FollowUpRequest.self, request, context)
            try await checkGroupAccess(body.group, context, backend: backend)
            return JSONResponse.make(.ok, try await backend.api().sendFollowUp(group: body.group, text: body.text))
        }
        g.post("ipc/close") { request, context in
            let body = try await ContainerBody.read(ContainerWire.GroupRequest.self, request, context)
            try await checkGroupAccess(body.group, context, backend: backend)
            return JSONResponse.make(.ok, try await backend.api().closeGroup(group: body.group))
        }
    }

    /// An API key may reach only its own org's groups: another org's group, or a name no group
    /// of the org has, is a 404 as if missing. The admin socket acting for an org (X-Clawd-Org)
    /// is held to the same rule; without one it may address any group's IPC directory.
    static func checkGroupAccess(_ group: String, _ context: APIContext, backend: ContainerRoutes) async throws {
        if !context.isAdmin || context.orgID != nil {
            let own = try await backend.env.containerRuns?.runs.group(name: group, orgID: context.requireOrg())
            guard own != nil else { throw ClawError(.notFound, "no group named \(group)") }
        }
    }
}
