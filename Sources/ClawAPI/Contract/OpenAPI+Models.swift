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

        public init(request: (any Decodable.Type)? = nil, oneOf: [any Decodable.Type] = [], _ responses: [String: Body],
                    query: [QueryParameter] = [], headers: [String] = []) {
            self.requests = (request.map { [$0] } ?? []) + oneOf
            self.responses = responses
            self.query = query
            self.headers = headers
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

    static func ok(_ type: any Decodable.Type) -> [String: Body] { ["200": .json(type)] }
    static func status(_ code: String, _ type: any Decodable.Type) -> [String: Body] { [code: .json(type)] }
}
