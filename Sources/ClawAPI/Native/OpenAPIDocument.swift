import Foundation
/// The OpenAPI 3.1 document's shape, as much of it as clawd writes: one operation per route, the
/// error schema, and bearer or `X-API-Key` security.
struct OpenAPIDocument: Encodable {
    var openapi = "3.1.0"
    var info = Info()
    var paths: [String: [String: Operation]] = [:]
    var components = Components()
    var security: [[String: [String]]] = [["bearer": []], ["apiKey": []]]

    init(routes: [OpenAPI.Route]) {
        for route in routes {
            paths[route.path, default: [:]][route.method.lowercased()] = Operation(route)
        }
    }

    struct Info: Encodable {
        var title = "clawd"
        var version = "1"
        var description = "Claw dialect (/v1/claw), native operations and events (/v1), admin (Unix socket)."
    }

    struct Operation: Encodable {
        var summary: String
        var operationId: String
        var responses: [String: Response]
        var parameters: [Parameter]?
        /// Empty for public routes (no key needed).
        var security: [[String: [String]]]?
        var listener: String?

        enum CodingKeys: String, CodingKey {
            case summary, operationId, responses, parameters, security, listener = "x-clawd-listener"
        }

        init(_ route: OpenAPI.Route) {
            summary = route.summary
            operationId = "\(route.method.lowercased())\(route.path.replacingOccurrences(of: "/", with: "_"))"
            responses = [route.success: Response(description: "success"),
                         "default": Response(description: "error",
                                             content: ["application/json": .init(schema: .ref("#/components/schemas/Error"))])]
            var params = route.path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
                Parameter(name: String($0.dropFirst().dropLast()), in: "path", required: true, schema: .type("string"))
            }
            params += route.integerQuery.map {
                Parameter(name: $0, in: "query", required: false, schema: Schema(type: ["integer"], minimum: 1))
            }
            if route.method == "POST" && !route.socketOnly {
                params.append(Parameter(name: "Idempotency-Key", in: "header", required: false,
                                        schema: Schema(type: ["string"], minLength: 1, maxLength: 255)))
            }
            parameters = params.isEmpty ? nil : params
            security = route.isPublic ? [] : nil
            listener = route.socketOnly ? "unix-socket" : nil
        }
    }

    struct Response: Encodable {
        var description: String
        var content: [String: MediaType]?
    }

    struct MediaType: Encodable { var schema: Schema }

    struct Parameter: Encodable {
        var name: String
        var `in`: String
        var required: Bool
        var schema: Schema
    }

    /// A JSON Schema; `type` is one name, or a list for unions (`["string", "null"]`).
    struct Schema: Encodable {
        var type: [String]?
        var ref: String?
        var minimum: Int?
        var minLength: Int?
        var maxLength: Int?
        var required: [String]?
        var properties: [String: Schema]?

        init(type: [String]? = nil, ref: String? = nil, minimum: Int? = nil, minLength: Int? = nil, maxLength: Int? = nil,
             required: [String]? = nil, properties: [String: Schema]? = nil) {
            self.type = type
            self.ref = ref
            self.minimum = minimum
            self.minLength = minLength
            self.maxLength = maxLength
            self.required = required
            self.properties = properties
        }

        static func type(_ name: String) -> Schema { Schema(type: [name]) }
        static func ref(_ target: String) -> Schema { Schema(ref: target) }

        enum CodingKeys: String, CodingKey {
            case type, ref = "$ref", minimum, minLength, maxLength, required, properties
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            if let type {
                if type.count == 1 { try c.encode(type[0], forKey: .type) } else { try c.encode(type, forKey: .type) }
            }
            try c.encodeIfPresent(ref, forKey: .ref)
            try c.encodeIfPresent(minimum, forKey: .minimum)
            try c.encodeIfPresent(minLength, forKey: .minLength)
            try c.encodeIfPresent(maxLength, forKey: .maxLength)
            try c.encodeIfPresent(required, forKey: .required)
            try c.encodeIfPresent(properties, forKey: .properties)
        }
    }

    struct Components: Encodable {
        var securitySchemes: [String: SecurityScheme] = [
            "bearer": SecurityScheme(type: "http", scheme: "bearer"),
            "apiKey": SecurityScheme(type: "apiKey", in: "header", name: "X-API-Key"),
        ]
        var schemas: [String: Schema] = ["Error": Schema(type: ["object"], properties: [
            "error": Schema(type: ["object"], required: ["message", "type", "code"], properties: [
                "message": .type("string"), "type": .type("string"), "code": .type("string"),
                "param": Schema(type: ["string", "null"]),
            ]),
        ])]
    }

    struct SecurityScheme: Encodable {
        var type: String
        var scheme: String?
        var `in`: String?
        var name: String?
    }
}
