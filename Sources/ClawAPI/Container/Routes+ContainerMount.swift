import ClawCore
import Foundation
import Hummingbird

extension RouterBuilding {
    static func addContainerMountRoutes(_ g: RouterGroup<APIContext>, backend: ContainerRoutes) {
        g.post("mount/validate") { request, context in
            let body = try await JSONBody.read(request, context: context)
            try body.allowOnly(["hostPath", "containerPath", "readOnly", "group"])
            let host = try body.string("hostPath", required: true, maxLength: 4096)!
            let container = try body.string("containerPath", maxLength: 1024)
            let readOnly = try body.bool("readOnly") ?? true
            let group = try body.string("group", maxLength: 64)
            if let group { try GroupName.validate(group, param: "group") }
            // Read-write is for main groups only: the caller's group record decides, as at run
            // start; a group that does not exist (or another org's) is not main.
            let isMain = try group.flatMap { name throws(ClawError) in
                try backend.env.containerRuns?.runs.group(name: name, orgID: context.orgID)?.isMain
            } ?? false
            let d = try await backend.api().validateMount(
                MountRequest(hostPath: host, containerPath: container, readOnly: readOnly), group: group, isMain: isMain)
            ContainerAudit(env: backend.env).record(
                context, "mount.validate", target: "\(host)→\(container ?? "(default)")", outcome: d.allowed ? "allowed" : "refused",
                detail: d.message + (d.allowed ? " (\(d.readOnly ? "ro" : "rw") at \(d.containerPath ?? "-"))" : ""))
            return ContainerJSON.response([
                "allowed": d.allowed, "canonicalHostPath": d.canonicalHostPath ?? NSNull(),
                "containerPath": d.containerPath ?? NSNull(), "readOnly": d.readOnly, "message": d.message,
            ])
        }
        g.get("mount/allowlist") { _, _ in
            let list = try await backend.api().mountAllowlist()
            var object = (list ?? MountAllowlist()).jsonObject
            object["configured"] = list != nil
            object["builtInBlockedPatterns"] = MountAllowlist.builtInBlockedPatterns
            return ContainerJSON.response(object)
        }
        g.put("mount/allowlist") { request, context in
            try ContainerOperator.require(request, context, env: backend.env, action: "mount.allowlist")
            let data = Data(buffer: try await JSONBody.collect(request, context: context))
            let list = try MountAllowlist.parse(data)
            try await ContainerAudit(env: backend.env).recording(
                context, "mount.allowlist", target: "allowlist",
                detail: { _ in "\(list.allowedRoots.count) roots, \(list.blockedPatterns.count) blocked patterns, "
                    + "nonMainReadOnly \(list.nonMainReadOnly)" }
            ) { try await backend.api().replaceMountAllowlist(list) }
            var object = list.jsonObject
            object["configured"] = true
            object["builtInBlockedPatterns"] = MountAllowlist.builtInBlockedPatterns
            return ContainerJSON.response(object)
        }
    }
}
