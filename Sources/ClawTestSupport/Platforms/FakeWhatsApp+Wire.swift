import Foundation
import Hummingbird

/// The Cloud API objects the fake reads and writes, named as Meta documents them.
extension FakeWhatsApp {
    struct SendRequest: Decodable {
        struct Text: Decodable { var body: String }
        var messaging_product: String
        var to: String
        var text: Text
    }

    struct SendAnswer: Encodable {
        struct Contact: Encodable { var input: String; var wa_id: String }
        struct MessageID: Encodable { var id: String }
        var messaging_product = "whatsapp"
        var contacts: [Contact]
        var messages: [MessageID]
    }

    struct PhoneNumber: Encodable {
        var id: String
        var display_phone_number: String
        var verified_name: String
    }

    struct GraphError: Encodable {
        struct Body: Encodable {
            var message: String
            var type: String?
            var code: Int?
        }
        var error: Body
    }

    /// A webhook delivery: `entry[].changes[].value` with the messages.
    struct Notification: Encodable {
        struct Entry: Encodable { var id: String; var changes: [Change] }
        struct Change: Encodable { var field: String; var value: Value }
        struct Value: Encodable {
            var messaging_product = "whatsapp"
            var metadata: Metadata
            var contacts: [Contact]
            var messages: [Message]
        }
        struct Metadata: Encodable { var display_phone_number: String; var phone_number_id: String }
        struct Contact: Encodable {
            struct Profile: Encodable { var name: String }
            var profile: Profile
            var wa_id: String
        }
        struct Message: Encodable {
            struct Text: Encodable { var body: String }
            var from: String
            var id: String
            var timestamp: String
            var type: String
            var text: Text
        }
        var object = "whatsapp_business_account"
        var entry: [Entry]
    }

    static func json(_ status: Int, _ body: some Encodable) -> Response {
        let data = try! JSONEncoder().encode(body)
        return Response(status: .init(code: status), headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func error(_ status: Int, _ message: String, type: String? = nil, code: Int? = nil) -> Response {
        json(status, GraphError(error: .init(message: message, type: type, code: code)))
    }
}
