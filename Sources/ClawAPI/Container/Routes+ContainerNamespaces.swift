import ClawCore
import ClawStore
import ClawWire
import Foundation
import Hummingbird

extension RouterBuilding {
    static func addContainerNamespaceRoutes(_ g: RouterGroup<APIContext>, api: ContainerRunRoutes) {
        g.get("namespaces") { _, context in
            await JSONResponse.make(.ok, try api.get().runs.groups(orgID: context.orgID).map(ContainerWire.Namespace.init))
        }

        g.post("namespaces") { request, context in
            let body = try await ContainerBody.read(ContainerWire.NamespaceCreateRequest.self, request, context)
            if let refused = ContainerBody.checkMountable(body.containerConfig) { return refused }
            let orgID = try context.requireOrg()
            let created = try await api.get().runs.createGroup(
                orgID: orgID, name: body.name, description: body.description ?? "", isMain: body.isMain ?? false,
                chatJids: body.chatJids ?? [], containerConfig: body.containerConfig ?? .init())
            return JSONResponse.make(.created, ContainerWire.Namespace(created))
        }

        g.post("namespaces/merge-instructions") { request, context in
            let name = try await ContainerBody.read(ContainerWire.MergeInstructionsRequest.self, request, context).name
            let runs = try api.get().runs
            guard try await runs.group(name: name, orgID: context.orgID) != nil else {
                throw ClawError(.notFound, "group '\(name)' not found")
            }
            return JSONResponse.make(.ok, ContainerWire.MergedInstructions(merged: try runs.files.mergedInstructions(name),
                                                                          sources: ["global", name]))
        }

        g.get("namespaces/:name") { _, context in
            let name = try context.parameters.require("name")
            return await JSONResponse.make(.ok, ContainerWire.Namespace(try Self.ownedGroup(name, api: api, context: context)))
        }

        g.put("namespaces/:name") { request, context in
            let name = try context.parameters.require("name")
            let body = try await ContainerBody.read(ContainerWire.NamespaceUpdateRequest.self, request, context)
            if let refused = ContainerBody.checkMountable(body.containerConfig) { return refused }
            _ = try await Self.ownedGroup(name, api: api, context: context)
            let updated = try await api.get().runs.updateGroup(name: name, orgID: context.orgID, description: body.description,
                                                         chatJids: body.chatJids, containerConfig: body.containerConfig)
            return JSONResponse.make(.ok, ContainerWire.Namespace(updated))
        }

        g.delete("namespaces/:name") { _, context in
            let name = try context.parameters.require("name")
            _ = try await Self.ownedGroup(name, api: api, context: context)
            let runs = try api.get()
            if runs.queue.group(name).activeRun != nil {
                throw ClawError(.conflict, "group '\(name)' has an active run; wait for it to finish")
            }
            _ = try await runs.runs.deleteGroup(name: name, orgID: context.orgID)
            return Response(status: .noContent)
        }

        g.get("namespaces/:name/instructions") { _, context in
            let name = try context.parameters.require("name")
            if name != GroupName.global { _ = try await Self.ownedGroup(name, api: api, context: context) }
            return JSONResponse.make(.ok, ContainerWire.Instructions(name: name, content: try api.get().runs.files.instructions(name)))
        }

        g.put("namespaces/:name/instructions") { request, context in
            let name = try context.parameters.require("name")
            let content = try await ContainerBody.read(ContainerWire.InstructionsRequest.self, request, context).content
            if name != GroupName.global { _ = try await Self.ownedGroup(name, api: api, context: context) }
            try api.get().runs.files.writeInstructions(name, content: content)
            return JSONResponse.make(.ok, ContainerWire.Instructions(name: name, content: content))
        }
    }

    /// The group named in the path when the caller may see it; 404 otherwise (bad names too).
    static func ownedGroup(_ name: String, api: ContainerRunRoutes, context: APIContext) async throws -> ContainerGroup {
        guard GroupName.isValid(name), let g = try await api.get().runs.group(name: name, orgID: context.orgID) else {
            throw ClawError(.notFound, "group '\(name)' not found")
        }
        return g
    }
}
