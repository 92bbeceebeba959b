import ClawCore
import ClawStore
import ClawWire
import Foundation
import Hummingbird

extension RouterBuilding {
    /// `/api/v1/channels/*`: every route acts for one org (another org's chat is a 404 like a
    /// missing one). The WhatsApp webhook needs no key: its signature authenticates it.
    static func addChannelRoutes(_ router: Router<APIContext>, env: APIEnvironment) {
        let g = router.group("/api/v1/channels")
        let api = ChannelRoutes(env: env)
        router.get("/api/v1/channels") { _, context in
            let org = try context.requireOrg()
            let rows = try await api.get().store.channels(orgID: org)
            return JSONResponse.make(.ok, ChannelPlatform.allCases.map { p in ChannelWire.Channel(p, rows.first { $0.platform == p }) })
        }
        g.post("messages") { request, context in
            let body = try await ContainerBody.read(ChannelWire.SendRequest.self, request, context)
            let org = try context.requireOrg()
            let id = try await api.get().send(orgID: org, chat: try ChatJID.parse(body.chatJid), text: body.text)
            return JSONResponse.make(.accepted, ChannelWire.SendAccepted(messageId: id, status: "pending"))
        }
        g.get("chats") { _, context in
            JSONResponse.make(.ok, try await api.get().store.chats(orgID: context.requireOrg()).map(ChannelWire.Chat.init))
        }
        g.get("chats/:jid/messages") { request, context in
            let org = try context.requireOrg()
            let raw = try context.parameters.require("jid")
            let jid = raw.removingPercentEncoding ?? raw
            guard let chat = try? ChatJID.parse(jid), try await api.get().store.knowsChat(orgID: org, jid: chat.description) else {
                throw ClawError(.notFound, "chat \(jid) not found")
            }
            let limit = try ContainerRunRoutes.limit(request, fallback: 50, max: 500)
            let before = request.uri.queryParameters.get("before")
            let rows = try await api.get().store.messages(orgID: org, chatJid: chat.description, limit: limit, before: before)
            return JSONResponse.make(.ok, rows.map(ChannelWire.Message.init))
        }
        g.get("sender-allowlist") { _, context in
            JSONResponse.make(.ok, try await api.get().store.allowlist(orgID: context.requireOrg()))
        }
        g.put("sender-allowlist") { request, context in
            let body = try await ContainerBody.read(SenderAllowlist.self, request, context)
            let org = try context.requireOrg()
            try await api.get().store.setAllowlist(orgID: org, body)
            return JSONResponse.make(.ok, body)
        }
        addChannelWebhookRoutes(g, api: api)
        addChannelPlatformRoutes(g, api: api)
    }
}

/// The routes' access to the channel backend: a clear 503 when the daemon has none.
struct ChannelRoutes: Sendable {
    let env: APIEnvironment

    func get() throws -> any ChannelBackend {
        guard let channels = env.channels else {
            throw ClawError(.unavailable, "channels are not available in this daemon")
        }
        return channels
    }

    /// The platform named in the path: an unknown one is a 404.
    static func platform(_ context: APIContext) throws -> ChannelPlatform {
        let name = try context.parameters.require("name")
        guard let platform = ChannelPlatform(rawValue: name) else {
            throw ClawError(.notFound, "no channel named '\(name)': telegram, slack, discord or whatsapp")
        }
        return platform
    }

    static func rejected(_ reason: ChannelRejected, param: String) -> Response {
        ContainerBody.unprocessable(ClawError(.invalidArgument, "the platform refused the credentials: \(reason.reason)",
                                              param: param), code: "invalid_credentials")
    }
}
