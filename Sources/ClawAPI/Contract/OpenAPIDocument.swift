import ClawWire
import Foundation

/// The OpenAPI 3.1 document: one operation per route of `OpenAPI.routes`, its request body,
/// parameters and answers from `OpenAPI.models`, every schema derived from the wire types by
/// `SchemaRecorder`, and each dialect's error envelope on the statuses that dialect answers with.
struct OpenAPIDocument: Encodable {
    var openapi = "3.1.0"
    var info = Info()
    var paths: [String: [String: Operation]] = [:]
    var components: Components
    var security: [[String: [String]]] = [["bearer": []], ["apiKey": []]]

    init(routes: [OpenAPI.Route], models: [String: OpenAPI.Models]) throws {
        let recorder = SchemaRecorder()
        var envelopes: [ErrorDialect: JSONSchema] = [:]
        for dialect in ErrorDialect.allCases { envelopes[dialect] = try recorder.schema(for: dialect.envelope) }
        for route in routes {
            guard let m = models["\(route.method) \(route.path)"] else {
                throw OpenAPI.Incomplete(route: "\(route.method) \(route.path)")
            }
            let dialect = ErrorDialect(path: route.path)
            paths[route.path, default: [:]][route.method.lowercased()] = try Operation(
                route, m, recorder: recorder, error: envelopes[dialect]!, errorStatuses: dialect.statuses)
        }
        components = Components(schemas: recorder.components)
    }

    struct Info: Encodable {
        var title = "clawd"
        var version = "1"
        var description = """
            Claw dialect (/v1/claw), ClawHosters dialect (/api/v1), container API (/api/v1/container), channels \
            (/api/v1/channels), native operations and events (/v1), admin (/admin, Unix socket only: \
            x-clawd-listener unix-socket).
            """
    }

    struct Operation: Encodable {
        var summary: String
        var operationId: String
        var parameters: [Parameter]?
        var requestBody: RequestBody?
        var responses: [String: Response]
        /// Empty for public routes (no key needed).
        var security: [[String: [String]]]?
        var listener: String?

        enum CodingKeys: String, CodingKey {
            case summary, operationId, parameters, requestBody, responses, security, listener = "x-clawd-listener"
        }

        init(_ route: OpenAPI.Route, _ models: OpenAPI.Models, recorder: SchemaRecorder, error: JSONSchema,
             errorStatuses: [String]) throws {
            summary = route.summary
            operationId = OpenAPI.operationID(route.method, route.path)
            parameters = Self.parameters(route, models)
            if !models.requests.isEmpty {
                let schemas = try models.requests.map { try recorder.schema(for: $0) }
                var schema = schemas[0]
                if schemas.count > 1 {
                    schema = JSONSchema()
                    schema.anyOf = schemas
                }
                let needed = try models.requests.allSatisfy { try !(recorder.resolve(recorder.schema(for: $0)).required ?? []).isEmpty }
                requestBody = RequestBody(required: needed, content: ["application/json": MediaType(schema: schema)])
            }
            var answers: [String: Response] = [:]
            for status in errorStatuses {
                answers[status] = Response(description: "error", content: ["application/json": MediaType(schema: error)])
            }
            for (status, body) in models.responses {
                var answer = try Response(body, recorder: recorder)
                if case .json = body, !models.links.isEmpty, status.hasPrefix("2") {
                    answer.links = models.links.mapValues { LinkObject($0) }
                }
                if status.hasPrefix("2"), !models.answerHeaders.isEmpty {
                    answer.headers = models.answerHeaders.mapValues { Header(required: $0, schema: .type("string")) }
                }
                answers[status] = answer
            }
            responses = answers
            security = route.isPublic ? [] : nil
            listener = route.socketOnly ? "unix-socket" : nil
        }

        static func parameters(_ route: OpenAPI.Route, _ models: OpenAPI.Models) -> [Parameter]? {
            var params = route.path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
                Parameter(name: String($0.dropFirst().dropLast()), in: "path", required: true, schema: .type("string"))
            }
            params += route.integerQuery.map {
                var s = JSONSchema.type("integer")
                s.minimum = 1
                return Parameter(name: $0, in: "query", required: false, schema: s)
            }
            params += models.query.filter { q in !route.integerQuery.contains(q.name) }.map { q in
                var s = JSONSchema.type(q.schema)
                if let values = q.values { s.enumValues = values.map { .string($0) } }
                return Parameter(name: q.name, in: "query", required: false, schema: s)
            }
            params += models.headers.map { Parameter(name: $0, in: "header", required: false, schema: .type("string")) }
            // Every POST of every dialect and of the admin socket honours it (public ones have no org to keep it for).
            if route.method == "POST" && !route.isPublic {
                var s = JSONSchema.type("string")
                s.minLength = 1
                s.maxLength = 255
                params.append(Parameter(name: "Idempotency-Key", in: "header", required: false, schema: s))
            }
            return params.isEmpty ? nil : params
        }
    }

    struct RequestBody: Encodable {
        var required: Bool
        var content: [String: MediaType]
    }

    struct LinkObject: Encodable {
        var operationId: String
        var parameters: [String: String]

        init(_ link: OpenAPI.Link) {
            let parts = link.route.split(separator: " ", maxSplits: 1).map(String.init)
            operationId = OpenAPI.operationID(parts[0], parts.count > 1 ? parts[1] : "")
            parameters = link.parameters
        }
    }

    struct Response: Encodable {
        var description: String
        var content: [String: MediaType]?
        var links: [String: LinkObject]?
        var headers: [String: Header]?

        init(description: String, content: [String: MediaType]?) {
            self.description = description
            self.content = content
            links = nil
            headers = nil
        }

        init(_ body: OpenAPI.Body, recorder: SchemaRecorder) throws {
            switch body {
            case .json(let type):
                self.init(description: "success", content: ["application/json": MediaType(schema: try recorder.schema(for: type))])
            case .text(let media):
                self.init(description: "text", content: [media: MediaType(schema: .type("string"))])
            case .eventStream(let type):
                // One schema per event (as schemathesis and OpenAPI 3.2's itemSchema read a stream):
                // `id`, `event` (the type) and `data`, a JSON document of the event model.
                var data = JSONSchema.type("string")
                data.contentMediaType = "application/json"
                data.contentSchema = try recorder.schema(for: type)
                var event = JSONSchema.type("object")
                event.properties = ["id": .type("string"), "event": .type("string"), "data": data, "retry": .type("integer")]
                event.description = "Server-Sent Events, one object per event; `: keep-alive` comments between"
                self.init(description: "an event stream", content: ["text/event-stream": MediaType(schema: event)])
            case .none:
                self.init(description: "no content", content: nil)
            }
        }
    }

    struct MediaType: Encodable { var schema: JSONSchema }

    struct Header: Encodable {
        var required: Bool
        var schema: JSONSchema
    }

    struct Parameter: Encodable {
        var name: String
        var `in`: String
        var required: Bool
        var schema: JSONSchema
    }

    struct Components: Encodable {
        var securitySchemes: [String: SecurityScheme] = [
            "bearer": SecurityScheme(type: "http", scheme: "bearer"),
            "apiKey": SecurityScheme(type: "apiKey", in: "header", name: "X-API-Key"),
        ]
        var schemas: [String: JSONSchema]
    }

    struct SecurityScheme: Encodable {
        var type: String
        var scheme: String?
        var `in`: String?
        var name: String?
    }
}
