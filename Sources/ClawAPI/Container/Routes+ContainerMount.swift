import ClawCore
import ClawWire
import Foundation
import Hummingbird

extension RouterBuilding {
    static func addContainerMountRoutes(_ g: RouterGroup<APIContext>, backend: ContainerRoutes) {
        g.post("mount/validate") { request, context in
            let body = try await ContainerBody.read(ContainerWire.MountValidateRequest.self, request, context)
            // Read-write is for main groups only: the caller's group record decides, as at run
            // start; a group that does not exist (or another org's) is not main.
            var isMain = false
            if let name = body.group {
                isMain = try await backend.env.containerRuns?.runs.group(name: name, orgID: context.orgID)?.isMain ?? false
            }
            let d = try await backend.api().validateMount(body.mount, group: body.group, isMain: isMain)
            await ContainerAudit(env: backend.env).record(
                context, "mount.validate", target: "\(body.hostPath)→\(body.containerPath ?? "(default)")",
                outcome: d.allowed ? "allowed" : "refused",
                detail: d.message + (d.allowed ? " (\(d.readOnly ? "ro" : "rw") at \(d.containerPath ?? "-"))" : ""))
            return JSONResponse.make(.ok, d)
        }
        g.get("mount/allowlist") { _, _ in
            JSONResponse.make(.ok, ContainerWire.Allowlist(try await backend.api().mountAllowlist()))
        }
        g.put("mount/allowlist") { request, context in
            try await ContainerOperator.require(request, context, env: backend.env, action: "mount.allowlist")
            let list = try await ContainerBody.read(MountAllowlist.self, request, context)
            try await ContainerAudit(env: backend.env).recording(
                context, "mount.allowlist", target: "allowlist",
                detail: { _ in "\(list.allowedRoots.count) roots, \(list.blockedPatterns.count) blocked patterns, "
                    + "nonMainReadOnly \(list.nonMainReadOnly)" }
            ) { try await backend.api().replaceMountAllowlist(list) }
            return JSONResponse.make(.ok, ContainerWire.Allowlist(list))
        }
    }
}
