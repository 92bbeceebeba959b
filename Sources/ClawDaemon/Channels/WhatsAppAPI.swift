import Foundation

/// The WhatsApp Cloud API's shapes (Graph API `/<version>/<phone_number_id>`).
enum WhatsAppAPI {
    struct PhoneNumber: Decodable {
        var id: String?
        var display_phone_number: String?
        var verified_name: String?
    }

    struct SendText: Encodable {
        struct Text: Encodable { var body: String }
        var messaging_product = "whatsapp"
        var to: String
        var type = "text"
        var text: Text
    }

    struct Sent: Decodable {
        struct ID: Decodable { var id: String }
        var messages: [ID]?
    }

    struct ErrorAnswer: Decodable {
        struct Detail: Decodable { var message: String? }
        var error: Detail?
    }

    /// A webhook delivery: `entry[].changes[].value`.
    struct Delivery: Decodable {
        struct Entry: Decodable { var changes: [Change]? }
        struct Change: Decodable {
            var field: String?
            var value: Value?
        }
        struct Value: Decodable {
            var metadata: Metadata?
            var contacts: [Contact]?
            var messages: [Message]?
        }
        struct Metadata: Decodable { var phone_number_id: String? }
        struct Contact: Decodable {
            struct Profile: Decodable { var name: String? }
            var profile: Profile?
            var wa_id: String?
        }
        struct Message: Decodable {
            struct Text: Decodable { var body: String? }
            var from: String
            var id: String
            var timestamp: String?
            var type: String?
            var text: Text?
        }
        var object: String?
        var entry: [Entry]?
    }
}
