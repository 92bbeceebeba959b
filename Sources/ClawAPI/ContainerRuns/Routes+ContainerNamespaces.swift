import ClawCore
import ClawStore
import Foundation
import Hummingbird

extension RouterBuilding {
    static func addContainerNamespaceRoutes(_ g: RouterGroup<APIContext>, api: ContainerRunRoutes) {
        g.get("namespaces") { _, context in
            ContainerJSON.response(try api.get().runs.groups(orgID: context.orgID).map(ContainerRunsJSON.group))
        }

        g.post("namespaces") { request, context in
            let body = try await LooseBody.read(request, context: context)
            try body.allowOnly(["name", "description", "isMain", "chatJids", "containerConfig"])
            let name = try body.string("name", required: true, maxLength: 64)!
            try GroupName.validate(name)
            let description = try body.string("description", maxLength: 2000) ?? ""
            let isMain = try body.bool("isMain") ?? false
            let jids = try body.strings("chatJids") ?? []
            let config: GroupContainerConfig?
            do { config = try body.containerConfig() } catch let e as UnprocessableConfig { return e.response }
            let orgID = try context.requireOrg()
            let created = try api.get().runs.createGroup(orgID: orgID, name: name, description: description,
                                                         isMain: isMain, chatJids: jids, containerConfig: config ?? .init())
            return ContainerJSON.response(.created, ContainerRunsJSON.group(created))
        }

        g.post("namespaces/merge-instructions") { request, context in
            let body = try await LooseBody.read(request, context: context)
            try body.allowOnly(["name"])
            let name = try body.string("name", required: true, maxLength: 64)!
            let runs = try api.get().runs
            try GroupName.validate(name)
            guard try runs.group(name: name, orgID: context.orgID) != nil else {
                throw ClawError(.notFound, "group '\(name)' not found")
            }
            return ContainerJSON.response(["merged": try runs.files.mergedInstructions(name), "sources": ["global", name]])
        }

        g.get("namespaces/:name") { _, context in
            let name = try context.parameters.require("name")
            return ContainerJSON.response(ContainerRunsJSON.group(try Self.ownedGroup(name, api: api, context: context)))
        }

        g.put("namespaces/:name") { request, context in
            let name = try context.parameters.require("name")
            let body = try await LooseBody.read(request, context: context)
            try body.allowOnly(["description", "chatJids", "containerConfig"])
            let description = try body.string("description", maxLength: 2000)
            let jids = try body.strings("chatJids")
            let config: GroupContainerConfig?
            do { config = try body.containerConfig() } catch let e as UnprocessableConfig { return e.response }
            _ = try Self.ownedGroup(name, api: api, context: context)
            let updated = try api.get().runs.updateGroup(name: name, orgID: context.orgID, description: description,
                                                         chatJids: jids, containerConfig: config)
            return ContainerJSON.response(ContainerRunsJSON.group(updated))
        }

        g.delete("namespaces/:name") { _, context in
            let name = try context.parameters.require("name")
            _ = try Self.ownedGroup(name, api: api, context: context)
            let runs = try api.get()
            if runs.queue.group(name).activeRun != nil {
                throw ClawError(.conflict, "group '\(name)' has an active run; wait for it to finish")
            }
            _ = try runs.runs.deleteGroup(name: name, orgID: context.orgID)
            return Response(status: .noContent)
        }

        g.get("namespaces/:name/instructions") { _, context in
            let name = try context.parameters.require("name")
            if name != GroupName.global { _ = try Self.ownedGroup(name, api: api, context: context) }
            return ContainerJSON.response(["name": name, "content": try api.get().runs.files.instructions(name)])
        }

        g.put("namespaces/:name/instructions") { request, context in
            let name = try context.parameters.require("name")
            let body = try await LooseBody.read(request, context: context)
            try body.allowOnly(["content"])
            let content = try body.string("content", required: true, maxLength: 1 << 20, allowControl: true)!
            if name != GroupName.global { _ = try Self.ownedGroup(name, api: api, context: context) }
            try api.get().runs.files.writeInstructions(name, content: content)
            return ContainerJSON.response(["name": name, "content": content])
        }
    }

    /// The group named in the path when the caller may see it; 404 otherwise (bad names too).
    static func ownedGroup(_ name: String, api: ContainerRunRoutes, context: APIContext) throws -> ContainerGroup {
        guard GroupName.isValid(name), let g = try api.get().runs.group(name: name, orgID: context.orgID) else {
            throw ClawError(.notFound, "group '\(name)' not found")
        }
        return g
    }
}
