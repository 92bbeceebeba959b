import ClawAPI
import ClawCore
import ClawStore
import Foundation

extension ChannelService {
    func connector(_ platform: ChannelPlatform) throws -> any Channel {
        guard let connector = connectors[platform] else {
            throw ClawError(.unavailable, "\(platform.rawValue) channels are not implemented in this clawd")
        }
        return connector
    }

    func validate(_ platform: ChannelPlatform, _ credentials: ChannelCredentials) async throws -> [String: String] {
        try await account(platform, credentials).identity
    }

    /// The platform's answer; an unreachable platform is a 503 (the credentials may be fine).
    func account(_ platform: ChannelPlatform, _ credentials: ChannelCredentials) async throws -> ChannelAccount {
        do {
            return try await connector(platform).validate(credentials)
        } catch let rejected as ChannelRejected {
            throw rejected
        } catch let error as ClawError {
            throw error
        } catch {
            throw ClawError(.unavailable, "cannot reach \(platform.rawValue): \(error)")
        }
    }

    func connect(orgID: String, _ platform: ChannelPlatform, _ credentials: ChannelCredentials) async throws -> ChannelRecord {
        let account = try await account(platform, credentials)
        if let old = try await store.channel(orgID: orgID, platform: platform) { await stop(channelID: old.id) }
        let record = try await store.connect(orgID: orgID, platform: platform, credentials: credentials,
                                             account: account.account, identity: account.identity)
        await store.runs.audit(AuditEntry(at: .now(), orgID: orgID, actor: "org:\(orgID)", action: "channel.connect",
                                          target: platform.rawValue, outcome: "ok", detail: "account \(account.account)"))
        start(record)
        return record
    }

    func disconnect(orgID: String, _ platform: ChannelPlatform) async throws -> Bool {
        guard let record = try await store.channel(orgID: orgID, platform: platform) else { return false }
        await stop(channelID: record.id)
        let gone = try await store.disconnect(orgID: orgID, platform: platform)
        await store.runs.audit(AuditEntry(at: .now(), orgID: orgID, actor: "org:\(orgID)", action: "channel.disconnect",
                                          target: platform.rawValue, outcome: "ok"))
        return gone
    }

    func send(orgID: String, chat: ChatJID, text: String) async throws -> String {
        guard try await store.knowsChat(orgID: orgID, jid: chat.description) else {
            throw ClawError(.notFound, "chat \(chat) not found", param: "chatJid")
        }
        guard try await store.channel(orgID: orgID, platform: chat.platform) != nil else {
            throw ClawError(.conflict, "no \(chat.platform.rawValue) channel is connected", param: "chatJid")
        }
        let ids = try await store.enqueueOutbound(orgID: orgID, chat: chat, text: text)
        wake()
        guard let first = ids.first else { throw ClawError(.invalidArgument, "'text' is empty", param: "text") }
        return first
    }

    func whatsAppChallenge(mode: String?, verifyToken: String?, challenge: String?) async -> String? {
        guard mode == "subscribe", let verifyToken, let challenge, !challenge.isEmpty, challenge.count <= 256 else { return nil }
        let channels = (try? await store.channels(orgID: nil)) ?? []
        for channel in channels where channel.platform == .whatsapp {
            if let expected = store.credentials(channelID: channel.id)?.verifyToken,
               WebhookSignature.constantTimeEqual(expected, verifyToken) { return challenge }
        }
        return nil
    }

    /// Checks the signature with the app secret of the connection the delivery names, then
    /// commits each message (a redelivery is deduplicated) before answering 200.
    func whatsAppDelivery(body: Data, signature: String?) async throws -> Bool {
        guard let delivery = try? JSONDecoder().decode(WhatsAppAPI.Delivery.self, from: body) else { return false }
        let messages = WhatsAppChannel.inbound(delivery)
        let phones = Set((delivery.entry ?? []).flatMap { ($0.changes ?? []).compactMap { $0.value?.metadata?.phone_number_id } })
        guard !phones.isEmpty else { return false }
        var channels: [String: ChannelRecord] = [:]
        for phone in phones {
            guard let channel = try await store.channel(platform: .whatsapp, account: phone),
                  let secret = store.credentials(channelID: channel.id)?.appSecret,
                  WebhookSignature.matches(signature, body: body, secret: secret) else { return false }
            channels[phone] = channel
        }
        for (phone, message) in messages {
            guard let channel = channels[phone] else { continue }
            try await receive(message, channel: channel, nextOffset: nil)
        }
        return true
    }
}
