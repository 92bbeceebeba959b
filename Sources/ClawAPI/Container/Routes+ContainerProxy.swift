import ClawCore
import ClawStore
import ClawWire
import Foundation
import Hummingbird

extension RouterBuilding {
    static func addContainerProxyRoutes(_ g: RouterGroup<APIContext>, backend: ContainerRoutes) {
        g.get("credential-proxy/status") { _, _ in JSONResponse.make(.ok, try await backend.api().proxyStatus()) }
        g.post("credential-proxy/start") { request, context in
            try await ContainerOperator.require(request, context, env: backend.env, action: "proxy.start")
            return JSONResponse.make(.ok, try await audit(backend, context, "proxy.start") { try await backend.api().startProxy() })
        }
        g.post("credential-proxy/stop") { request, context in
            try await ContainerOperator.require(request, context, env: backend.env, action: "proxy.stop")
            return JSONResponse.make(.ok, try await audit(backend, context, "proxy.stop") { try await backend.api().stopProxy() })
        }
        g.put("credential-proxy/port") { request, context in
            try await ContainerOperator.require(request, context, env: backend.env, action: "proxy.port")
            let port = try await ContainerBody.read(ContainerWire.ProxyPortRequest.self, request, context).port
            return JSONResponse.make(.ok, try await audit(backend, context, "proxy.port", target: "port \(port)") {
                try await backend.api().setProxyPort(port)
            })
        }
        g.post("credential-proxy/mappings") { request, context in
            try await ContainerOperator.require(request, context, env: backend.env, action: "proxy.mapping.create")
            let body = try await ContainerBody.read(ContainerWire.ProxyMappingRequest.self, request, context)
            let orgIds = try await ProxyMappingOrgs.check(body.orgIds ?? [], store: backend.env.store)
            let created = try await ContainerAudit(env: backend.env).recording(
                context, "proxy.mapping.create", target: body.name, doneTarget: { "\($0.id) \(body.name)" },
                detail: { _ in "\(body.credentialType) for \(ProxyUpstream.origin(body.upstreamUrl))"
                    + (orgIds.isEmpty ? "" : ", orgs \(orgIds.joined(separator: ","))") }
            ) {
                try await backend.api().addProxyMapping(name: body.name, upstreamURL: body.upstreamUrl,
                                                        credentialType: body.credentialType, credential: body.credential,
                                                        orgIds: orgIds)
            }
            return JSONResponse.make(.created, created)
        }
        g.delete("credential-proxy/mappings/:id") { request, context in
            try await ContainerOperator.require(request, context, env: backend.env, action: "proxy.mapping.delete")
            let id = try context.parameters.require("id")
            // The name, for the log only: read before the mapping is gone. An unknown id is not
            // logged (someone may paste a placeholder there).
            let mappings = try await backend.api().proxyStatus().mappings
            let audit = ContainerAudit(env: backend.env)
            guard let name = mappings.first(where: { $0.id == id })?.name,
                  try await backend.api().deleteProxyMapping(id: id)
            else {
                await audit.record(context, "proxy.mapping.delete", target: "unknown mapping id", outcome: ClawError.Code.notFound.rawValue)
                throw ClawError(.notFound, "credential mapping \(id) not found")
            }
            await audit.record(context, "proxy.mapping.delete", target: "\(id) \(name)", outcome: "ok")
            return Response(status: .noContent)
        }
    }
}

/// A proxy state change, audited with the port and running state it left.
private func audit(_ backend: ContainerRoutes, _ context: APIContext, _ action: String, target: String = "credential-proxy",
                   _ change: () async throws -> ContainerWire.ProxyStatus) async throws -> ContainerWire.ProxyStatus {
    try await ContainerAudit(env: backend.env).recording(context, action, target: target, detail: { status in
        "running \(status.running), port \(status.port)"
    }, change)
}

/// The orgs a credential mapping is limited to: distinct ids of existing orgs (none: every org).
enum ProxyMappingOrgs {
    static func check(_ ids: [String], store: Store) async throws -> [String] {
        var seen: [String] = []
        for id in ids where !seen.contains(id) {
            guard id.hasPrefix("org_"), id.count <= 64,
                  id.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_") }),
                  try await store.org(id: id) != nil
            else {
                throw ClawError(.invalidArgument, "'orgIds' must name existing orgs (org_...)", param: "orgIds")
            }
            seen.append(id)
        }
        return seen
    }
}
