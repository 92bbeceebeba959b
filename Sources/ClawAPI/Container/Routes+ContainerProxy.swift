import ClawCore
import ClawStore
import Foundation
import Hummingbird
import NIOCore

extension RouterBuilding {
    static func addContainerProxyRoutes(_ g: RouterGroup<APIContext>, backend: ContainerRoutes) {
        g.get("credential-proxy/status") { _, _ in ContainerJSON.response(try await backend.api().proxyStatus()) }
        g.post("credential-proxy/start") { request, context in
            try ContainerOperator.require(request, context, env: backend.env, action: "proxy.start")
            return ContainerJSON.response(try await audit(backend, context, "proxy.start") { try await backend.api().startProxy() })
        }
        g.post("credential-proxy/stop") { request, context in
            try ContainerOperator.require(request, context, env: backend.env, action: "proxy.stop")
            return ContainerJSON.response(try await audit(backend, context, "proxy.stop") { try await backend.api().stopProxy() })
        }
        g.put("credential-proxy/port") { request, context in
            try ContainerOperator.require(request, context, env: backend.env, action: "proxy.port")
            let body = try await JSONBody.read(request, context: context)
            try body.allowOnly(["port"])
            let port = try body.int("port", required: true, range: 1024...65535)!
            return ContainerJSON.response(try await audit(backend, context, "proxy.port", target: "port \(port)") {
                try await backend.api().setProxyPort(Int(port))
            })
        }
        g.post("credential-proxy/mappings") { request, context in
            try ContainerOperator.require(request, context, env: backend.env, action: "proxy.mapping.create")
            let raw = try await JSONBody.collect(request, context: context)
            let body = try JSONBody.parse(raw)
            try body.allowOnly(["name", "upstreamUrl", "credentialType", "credential", "orgIds"])
            let name = try body.string("name", required: true, maxLength: 64)!
            guard ProxyMappingRules.isName(name) else {
                throw ClawError(.invalidArgument, "'name' must match [a-z0-9][a-z0-9_-]{0,63}", param: "name")
            }
            let upstream = try body.string("upstreamUrl", required: true, maxLength: 2048)!
            try ProxyMappingRules.checkUpstream(upstream)
            let type = try body.string("credentialType", required: true, maxLength: 16)!
            guard type == "api_key" || type == "bearer" else {
                throw ClawError(.invalidArgument, "'credentialType' must be api_key or bearer", param: "credentialType")
            }
            let credential = try body.string("credential", required: true, maxLength: 8192)!
            guard !credential.isEmpty, !credential.contains(" ") else {
                throw ClawError(.invalidArgument, "'credential' must be non-empty without spaces", param: "credential")
            }
            let orgIds = try ProxyMappingRules.orgIds(raw, store: backend.env.store)
            let created = try await ContainerAudit(env: backend.env).recording(
                context, "proxy.mapping.create", target: name, doneTarget: { "\($0["id"] ?? "?") \(name)" },
                detail: { _ in "\(type) for \(ProxyMappingRules.origin(upstream))"
                    + (orgIds.isEmpty ? "" : ", orgs \(orgIds.joined(separator: ","))") }
            ) {
                try await backend.api().addProxyMapping(name: name, upstreamURL: upstream, credentialType: type,
                                                        credential: credential, orgIds: orgIds)
            }
            return ContainerJSON.response(created, status: .created)
        }
        g.delete("credential-proxy/mappings/:id") { request, context in
            try ContainerOperator.require(request, context, env: backend.env, action: "proxy.mapping.delete")
            let id = try context.parameters.require("id")
            // The name, for the log only: read before the mapping is gone. An unknown id is not
            // logged (someone may paste a placeholder there).
            let mappings = try await backend.api().proxyStatus()["mappings"] as? [[String: Any]] ?? []
            let audit = ContainerAudit(env: backend.env)
            guard let name = mappings.first(where: { $0["id"] as? String == id })?["name"] as? String,
                  try await backend.api().deleteProxyMapping(id: id)
            else {
                audit.record(context, "proxy.mapping.delete", target: "unknown mapping id", outcome: ClawError.Code.notFound.rawValue)
                throw ClawError(.notFound, "credential mapping \(id) not found")
            }
            audit.record(context, "proxy.mapping.delete", target: "\(id) \(name)", outcome: "ok")
            return Response(status: .noContent)
        }
    }
}

/// A proxy state change, audited with the port and running state it left.
private func audit(_ backend: ContainerRoutes, _ context: APIContext, _ action: String, target: String = "credential-proxy",
                   _ change: () async throws -> [String: Any]) async throws -> [String: Any] {
    try await ContainerAudit(env: backend.env).recording(context, action, target: target, detail: { status in
        "running \(status["running"] ?? "?"), port \(status["port"] ?? "?")"
    }, change)
}

/// Syntactic rules for credential mappings, shared with the daemon's store.
public enum ProxyMappingRules {
    public static func isName(_ s: String) -> Bool { GroupName.isValid(s) }

    /// `http://` or `https://` with a host; no user info, query or fragment.
    public static func checkUpstream(_ s: String) throws {
        guard let url = URLComponents(string: s), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty,
              url.user == nil, url.password == nil, url.query == nil, url.fragment == nil
        else {
            throw ClawError(.invalidArgument, "'upstreamUrl' must be an http(s) URL with a host, without credentials, "
                + "query or fragment", param: "upstreamUrl")
        }
    }

    /// The optional `orgIds` of a mapping: an array of at most 64 distinct ids of existing orgs;
    /// absent, null or empty: every org.
    static func orgIds(_ raw: ByteBuffer, store: Store) throws -> [String] {
        let object = (try? JSONSerialization.jsonObject(with: Data(raw.readableBytesView))) as? [String: Any]
        guard let value = object?["orgIds"], !(value is NSNull) else { return [] }
        guard let ids = value as? [String], ids.count <= 64 else {
            throw ClawError(.invalidArgument, "'orgIds' must be an array of at most 64 org ids", param: "orgIds")
        }
        var seen: [String] = []
        for id in ids where !seen.contains(id) {
            guard id.hasPrefix("org_"), id.count <= 64,
                  id.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_") }),
                  try store.org(id: id) != nil
            else {
                throw ClawError(.invalidArgument, "'orgIds' must name existing orgs (org_...)", param: "orgIds")
            }
            seen.append(id)
        }
        return seen
    }

    /// `scheme://host[:port]` of a checked upstream, for logs: a path may carry a token (`/bot<token>/`).
    public static func origin(_ s: String) -> String {
        guard let url = URLComponents(string: s), let scheme = url.scheme, let host = url.host else { return "?" }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }
}
