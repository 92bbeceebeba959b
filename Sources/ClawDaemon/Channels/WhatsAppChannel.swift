import ClawAPI
import ClawCore
import ClawStore
import Foundation
import NIOHTTP1

/// WhatsApp Cloud: receives through the signed webhook (`ChannelService.whatsAppDelivery`),
/// validates with `GET /<phone_number_id>`, sends with `POST /<phone_number_id>/messages`.
struct WhatsAppChannel: Channel {
    let base: String
    var http = PlatformHTTP()

    var platform: ChannelPlatform { .whatsapp }

    func validate(_ credentials: ChannelCredentials) async throws -> ChannelAccount {
        guard let id = credentials.phoneNumberId, let token = credentials.accessToken else {
            throw ChannelRejected("phoneNumberId and accessToken are required")
        }
        let answer = try await http.call(.GET, "\(base)/\(id)", headers: [("Authorization", "Bearer \(token)")])
        guard answer.status == 200, let phone = try? JSONDecoder().decode(WhatsAppAPI.PhoneNumber.self, from: answer.body) else {
            if (400..<500).contains(answer.status) { throw ChannelRejected(Self.reason(answer)) }
            throw PlatformHTTPError(Self.reason(answer))
        }
        var identity = ["id": phone.id ?? id]
        identity["name"] = phone.verified_name
        identity["phone"] = phone.display_phone_number
        return ChannelAccount(account: id, identity: identity)
    }

    func connect(_ channel: ChannelRecord, _ credentials: ChannelCredentials, inbox: any ChannelInbox) async {
        await inbox.status(channel, .connected, lastError: nil)
    }

    func send(_ credentials: ChannelCredentials, to chat: ChatJID, threadID: String?, text: String) async throws(SendFailure) -> String? {
        guard let id = credentials.phoneNumberId, let token = credentials.accessToken else { throw .permanent("not configured") }
        let body = PlatformHTTP.json(WhatsAppAPI.SendText(to: chat.chatID, text: .init(body: text)))
        let answer: PlatformHTTP.Answer
        do {
            answer = try await http.call(.POST, "\(base)/\(id)/messages", json: body, headers: [("Authorization", "Bearer \(token)")])
        } catch {
            throw .transient("\(error)")
        }
        switch answer.status {
        case 200..<300:
            return (try? JSONDecoder().decode(WhatsAppAPI.Sent.self, from: answer.body))?.messages?.first?.id
        case 429: throw .retryAfter(seconds: answer.retryAfter ?? 1, reason: Self.reason(answer))
        case 500...: throw .transient(Self.reason(answer))
        default: throw .permanent(Self.reason(answer))
        }
    }

    func typing(_ credentials: ChannelCredentials, in chat: ChatJID, threadID: String?) async {}

    static func reason(_ answer: PlatformHTTP.Answer) -> String {
        let message = (try? JSONDecoder().decode(WhatsAppAPI.ErrorAnswer.self, from: answer.body))?.error?.message
        return "whatsapp \(answer.status): \(message ?? "error")"
    }

    /// The text messages of a delivery for the connection of `phoneNumberID`; other types are
    /// recorded as `[unsupported <type> message]`.
    static func inbound(_ delivery: WhatsAppAPI.Delivery) -> [(phoneNumberID: String, message: InboundMessage)] {
        var out: [(String, InboundMessage)] = []
        for entry in delivery.entry ?? [] {
            for change in entry.changes ?? [] {
                guard let value = change.value, let phone = value.metadata?.phone_number_id else { continue }
                for m in value.messages ?? [] {
                    guard let chat = try? ChatJID.parse("wa:" + m.from) else { continue }
                    let name = value.contacts?.first { $0.wa_id == m.from }?.profile?.name ?? m.from
                    let text = m.type == "text" ? (m.text?.body ?? "") : "[unsupported \(m.type ?? "unknown") message]"
                    let at = m.timestamp.flatMap { Int64($0) }.map { Timestamp(millis: $0 * 1000) } ?? .now()
                    out.append((phone, InboundMessage(chat: chat, chatTitle: name, platformMessageID: m.id, sender: m.from,
                                                      senderName: name, text: text, at: at)))
                }
            }
        }
        return out
    }
}
