import ClawCore
import Foundation
import Hummingbird

extension RouterBuilding {
    static func addContainerProxyRoutes(_ g: RouterGroup<APIContext>, backend: ContainerRoutes) {
        g.get("credential-proxy/status") { _, _ in ContainerJSON.response(try await backend.api().proxyStatus()) }
        g.post("credential-proxy/start") { _, _ in ContainerJSON.response(try await backend.api().startProxy()) }
        g.post("credential-proxy/stop") { _, _ in ContainerJSON.response(try await backend.api().stopProxy()) }
        g.put("credential-proxy/port") { request, context in
            let body = try await JSONBody.read(request, context: context)
            try body.allowOnly(["port"])
            let port = try body.int("port", required: true, range: 1024...65535)!
            return ContainerJSON.response(try await backend.api().setProxyPort(Int(port)))
        }
        g.post("credential-proxy/mappings") { request, context in
            let body = try await JSONBody.read(request, context: context)
            try body.allowOnly(["name", "upstreamUrl", "credentialType", "credential"])
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
            return ContainerJSON.response(try await backend.api().addProxyMapping(
                name: name, upstreamURL: upstream, credentialType: type, credential: credential), status: .created)
        }
        g.delete("credential-proxy/mappings/:id") { _, context in
            let id = try context.parameters.require("id")
            guard try await backend.api().deleteProxyMapping(id: id) else {
                throw ClawError(.notFound, "credential mapping \(id) not found")
            }
            return Response(status: .noContent)
        }
    }
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
}
