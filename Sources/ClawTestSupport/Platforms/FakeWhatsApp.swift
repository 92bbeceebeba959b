import Foundation
import Hummingbird
import Synchronization

/// A local WhatsApp Cloud API (Graph `/<version>/<phone_number_id>`), from the documented API:
/// the phone-number GET (401 for another access token) and the `messages` POST (recorded).
/// Webhook deliveries are built by `delivery(…)`; tests sign them with the app secret.
public final class FakeWhatsApp: Sendable {
    public struct Sent: Sendable, Equatable {
        public var to: String
        public var text: String
    }

    public let phoneNumberID: String
    public let accessToken: String
    public let port: Int
    let sentMessages = Mutex<[Sent]>([])

    public init(phoneNumberID: String = "1098765432", accessToken: String = "EAAG-test-\(UUID().uuidString.prefix(8))") throws {
        self.phoneNumberID = phoneNumberID
        self.accessToken = accessToken
        port = try TestPaths.freePort()
    }

    public var baseURL: String { "http://127.0.0.1:\(port)/v21.0" }
    public var sent: [Sent] { sentMessages.withLock { $0 } }

    public func run() async throws {
        let router = Router()
        router.get("v21.0/:phone") { request, context -> Response in
            guard request.headers[.authorization] == "Bearer " + self.accessToken else { return Self.unauthorized() }
            let phone = try context.parameters.require("phone")
            guard phone == self.phoneNumberID else { return Self.error(404, "Unsupported get request") }
            return Self.json(200, PhoneNumber(id: phone, display_phone_number: "+1 555 0100", verified_name: "Test Business"))
        }
        router.post("v21.0/:phone/messages") { request, context -> Response in
            guard request.headers[.authorization] == "Bearer " + self.accessToken else { return Self.unauthorized() }
            let body = try await request.body.collect(upTo: 1 << 20)
            guard let send = try? JSONDecoder().decode(SendRequest.self, from: Data(buffer: body)),
                  send.messaging_product == "whatsapp" else {
                return Self.error(400, "Invalid parameter")
            }
            guard send.text.body.count <= 4096 else { return Self.error(400, "Message too long") }
            let id = "wamid.\(UUID().uuidString.prefix(12))"
            self.sentMessages.withLock { $0.append(Sent(to: send.to, text: send.text.body)) }
            return Self.json(200, SendAnswer(contacts: [.init(input: send.to, wa_id: send.to)], messages: [.init(id: id)]))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        try await app.run()
    }

    /// A webhook body delivering one text message from `from` to this number.
    public func delivery(from: String, name: String = "Bob", messageID: String, text: String) -> Data {
        let value = Notification.Value(
            metadata: .init(display_phone_number: "15550100", phone_number_id: phoneNumberID),
            contacts: [.init(profile: .init(name: name), wa_id: from)],
            messages: [.init(from: from, id: messageID, timestamp: "\(Int(Date().timeIntervalSince1970))",
                             type: "text", text: .init(body: text))])
        let body = Notification(entry: [.init(id: "WABA", changes: [.init(field: "messages", value: value)])])
        return try! JSONEncoder().encode(body)
    }

    static func unauthorized() -> Response {
        error(401, "Invalid OAuth access token.", type: "OAuthException", code: 190)
    }
}
