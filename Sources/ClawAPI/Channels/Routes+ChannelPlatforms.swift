import ClawCore
import ClawStore
import ClawWire
import Foundation
import Hummingbird

extension RouterBuilding {
    /// `GET /channels/{name}` and `POST /channels/{name}/connect|disconnect|validate`.
    static func addChannelPlatformRoutes(_ g: RouterGroup<APIContext>, api: ChannelRoutes) {
        g.get(":name") { _, context in
            let platform = try ChannelRoutes.platform(context)
            let org = try context.requireOrg()
            return JSONResponse.make(.ok, ChannelWire.Channel(platform, try await api.get().store.channel(orgID: org, platform: platform)))
        }
        g.post(":name/validate") { request, context in
            let platform = try ChannelRoutes.platform(context)
            let (credentials, param) = try await Self.credentials(platform, request, context)
            do {
                let identity = try await api.get().validate(platform, credentials)
                return JSONResponse.make(.ok, ChannelWire.Validated(valid: true, identity: identity))
            } catch let rejected as ChannelRejected {
                return ChannelRoutes.rejected(rejected, param: param)
            }
        }
        g.post(":name/connect") { request, context in
            let platform = try ChannelRoutes.platform(context)
            let (credentials, param) = try await Self.credentials(platform, request, context)
            let org = try context.requireOrg()
            do {
                let record = try await api.get().connect(orgID: org, platform, credentials)
                return JSONResponse.make(.ok, ChannelWire.Channel(platform, record))
            } catch let rejected as ChannelRejected {
                return ChannelRoutes.rejected(rejected, param: param)
            }
        }
        g.post(":name/disconnect") { _, context in
            let platform = try ChannelRoutes.platform(context)
            let org = try context.requireOrg()
            guard try await api.get().disconnect(orgID: org, platform) else {
                throw ClawError(.notFound, "no \(platform.rawValue) channel is connected")
            }
            return JSONResponse.make(.ok, ChannelWire.Disconnected(name: platform.rawValue, disconnected: true))
        }
    }

    /// The connect/validate body of `platform` as credentials, and the field a refusal names.
    static func credentials(_ platform: ChannelPlatform, _ request: Request,
                            _ context: APIContext) async throws -> (ChannelCredentials, String) {
        switch platform {
        case .whatsapp:
            let b = try await ContainerBody.read(ChannelWire.WhatsAppRequest.self, request, context)
            return (ChannelCredentials(phoneNumberId: b.phoneNumberId, accessToken: b.accessToken, appSecret: b.appSecret,
                                       verifyToken: b.verifyToken), "accessToken")
        case .slack:
            let b = try await ContainerBody.read(ChannelWire.SlackRequest.self, request, context)
            return (ChannelCredentials(botToken: b.botToken, appToken: b.appToken), "botToken")
        case .telegram, .discord:
            let b = try await ContainerBody.read(ChannelWire.BotTokenRequest.self, request, context)
            return (ChannelCredentials(botToken: b.botToken), "botToken")
        }
    }

    /// `GET|POST /channels/whatsapp/webhook` (no API key; Meta's verification and signed deliveries).
    static func addChannelWebhookRoutes(_ g: RouterGroup<APIContext>, api: ChannelRoutes) {
        g.get("whatsapp/webhook") { request, _ in
            let q = request.uri.queryParameters
            guard let challenge = try await api.get().whatsAppChallenge(
                mode: q.get("hub.mode"), verifyToken: q.get("hub.verify_token"), challenge: q.get("hub.challenge")) else {
                throw ClawError(.forbidden, "webhook verification failed")
            }
            return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: challenge)))
        }
        g.post("whatsapp/webhook") { request, context in
            let body = Data(buffer: try await JSONBody.collect(request, context: context))
            let signature = request.headers[.init("X-Hub-Signature-256")!]
            guard try await api.get().whatsAppDelivery(body: body, signature: signature) else {
                throw ClawError(.unauthenticated, "the X-Hub-Signature-256 does not match")
            }
            return JSONResponse.make(.ok, ChannelWire.Validated(valid: true, identity: [:]))
        }
    }
}
