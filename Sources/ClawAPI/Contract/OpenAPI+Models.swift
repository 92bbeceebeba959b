import ClawCore
import ClawWire

extension OpenAPI {
    /// What one route reads and answers, by wire type; the document's schemas are derived from these
    /// types, so a field added to a model reaches the document without an edit here.
    public struct Models: @unchecked Sendable {
        /// The JSON body the route decodes (one of these when several); empty when it reads none.
        public var requests: [any Decodable.Type]
        /// Each answer that is not an error, by status.
        public var responses: [String: Body]
        /// Query parameters beyond the route's integer ones.
        public var query: [QueryParameter] = []
        /// Request headers the route reads.
        public var headers: [String] = []
        /// Headers of the success answers, each with whether every such answer has it.
        public var answerHeaders: [String: Bool] = [:]
        /// Operations a success answer leads to (OpenAPI links: a fuzzer's and a client's next step).
        public var links: [String: Link] = [:]

        public init(request: (any Decodable.Type)? = nil, oneOf: [any Decodable.Type] = [], _ responses: [String: Body],
                    query: [QueryParameter] = [], headers: [String] = [], answerHeaders: [String: Bool] = [:],
                    links: [String: Link] = [:]) {
            self.requests = (request.map { [$0] } ?? []) + oneOf
            self.responses = responses
            self.query = query
            self.headers = headers
            self.answerHeaders = answerHeaders
            self.links = links
        }
    }

    /// A response body.
    public enum Body: @unchecked Sendable {
        case json(any Decodable.Type)
        /// Text of a media type (`text/plain`, Prometheus' exposition format).
        case text(String)
        /// `text/event-stream`: Server-Sent Events, each `data:` line one JSON object of the given type.
        case eventStream(any Decodable.Type)
        case none
    }

    /// The next operation (`"GET /v1/claw/instances/{id}"`) and where its parameters come from
    /// (`["id": "$response.body#/id"]`).
    public struct Link: Sendable, Hashable {
        public var route: String
        public var parameters: [String: String]

        public init(_ route: String, _ parameters: [String: String]) {
            self.route = route
            self.parameters = parameters
        }

        /// The route with `{id}` taken from the answer's `field`.
        public static func id(_ route: String, from field: String = "id", parameter: String = "id") -> Link {
            Link(route, [parameter: "$response.body#/\(field)"])
        }
    }

    public struct QueryParameter: Sendable, Hashable {
        public var name: String
        public var schema: String
        public var values: [String]?

        public static func string(_ name: String, _ values: [String]? = nil) -> QueryParameter {
            QueryParameter(name: name, schema: "string", values: values)
        }

        public static func boolean(_ name: String) -> QueryParameter { QueryParameter(name: name, schema: "boolean") }

        public static func integer(_ name: String) -> QueryParameter { QueryParameter(name: name, schema: "integer") }
    }

    /// The models of every route, keyed `"METHOD /path"` like the route table; a test checks that
    /// both list the same routes.
    public static let models: [String: Models] = clawModels.merging(nativeModels) { a, _ in a }
        .merging(hostersModels) { a, _ in a }
        .merging(containerModels) { a, _ in a }
        .merging(channelModels) { a, _ in a }
        .merging(adminModels) { a, _ in a }

    /// `GET /v1/claw/instances/{id}` → `get_v1_claw_instances_id`: what generated clients name
    /// their functions after.
    static func operationID(_ method: String, _ path: String) -> String {
        let words = path.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        return ([method.lowercased()] + words).joined(separator: "_")
    }

    static func ok(_ type: any Decodable.Type) -> [String: Body] { ["200": .json(type)] }
    static func status(_ code: String, _ type: any Decodable.Type) -> [String: Body] { [code: .json(type)] }
}
