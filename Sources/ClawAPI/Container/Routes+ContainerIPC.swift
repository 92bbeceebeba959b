import ClawCore
import Foundation
import Hummingbird

extension RouterBuilding {
    static func addContainerIPCRoutes(_ g: RouterGroup<APIContext>, backend: ContainerRoutes) {
        g.post("ipc/directories") { request, context in
            let group = try await readGroup(request, context, extra: [], backend: backend)
            return ContainerJSON.response(try await backend.api().createIPCDirectories(group: group.0))
        }
        g.post("ipc/follow-up") { request, context in
            let (group, body) = try await readGroup(request, context, extra: ["text"], backend: backend)
            // A message may span lines: only NUL and other control characters besides \n \r \t are refused.
            guard case .string(let text)? = body.fields["text"], !text.isEmpty, text.utf8.count <= 100_000,
                  !text.unicodeScalars.contains(where: {
                      $0.properties.generalCategory == .control && !["\n", "\r", "\t"].contains($0)
                  })
            else {
                throw ClawError(.invalidArgument, "'text' must be a non-empty string of at most 100000 bytes without NUL",
                                param: "text")
            }
            return ContainerJSON.response(try await backend.api().sendFollowUp(group: group, text: text))
        }
        g.post("ipc/close") { request, context in
            let group = try await readGroup(request, context, extra: [], backend: backend)
            return ContainerJSON.response(try await backend.api().closeGroup(group: group.0))
        }
    }

    /// The body's `group`, validated (no traversal, NUL or leading `-`). An API key may reach only
    /// its own org's groups: another org's group, or a name no group of the org has, is a 404 as
    /// if missing. The admin socket acting for an org (X-Clawd-Org) is held to the same rule;
    /// without one it may address any group's IPC directory.
    static func readGroup(_ request: Request, _ context: APIContext, extra: Set<String>,
                          backend: ContainerRoutes) async throws -> (String, JSONBody) {
        let body = try await JSONBody.read(request, context: context)
        try body.allowOnly(extra.union(["group"]))
        guard let group = try? body.string("group", required: true, maxLength: 256) else {
            // Control characters (NUL) land here too: the group rule names them.
            throw ClawError(.invalidArgument, "'group' is required: 1-64 of [a-z0-9_-] (no '..', '/', NUL or leading '-')",
                            param: "group")
        }
        try GroupName.validate(group, param: "group")
        if !context.isAdmin || context.orgID != nil {
            let own = try backend.env.containerRuns?.runs.group(name: group, orgID: context.requireOrg())
            guard own != nil else { throw ClawError(.notFound, "no group named \(group)") }
        }
        return (group, body)
    }
}
