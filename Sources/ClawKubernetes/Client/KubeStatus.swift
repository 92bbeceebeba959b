/// The `Status` object the API server answers a refusal with (and sends in an `ERROR` watch event).
struct KubeStatus: Codable, Sendable {
    var kind: String?
    var apiVersion: String?
    var status: String?
    var message: String?
    var reason: String?
    var code: Int?

    func error(httpStatus: Int) -> KubeAPIError {
        KubeAPIError(code: code ?? httpStatus, reason: reason ?? "Unknown", message: message ?? "")
    }
}

/// The first look at a watch event line: its type only, so the object can be decoded as what
/// the type says it is.
struct WatchEventType: Decodable {
    var type: String
}

/// A watch event line with its object decoded as `Object` (the kind, a bookmark or a Status).
struct WatchEventLine<Object: Decodable>: Decodable {
    var type: String
    var object: Object
}

/// The object of a `BOOKMARK` event: only `metadata.resourceVersion` is meaningful.
struct BookmarkObject: Decodable {
    struct Meta: Decodable { var resourceVersion: String? }
    var metadata: Meta
}

/// `DeleteOptions`, the body of a delete.
struct DeleteOptions: Encodable {
    var apiVersion = "v1"
    var kind = "DeleteOptions"
    var propagationPolicy: PropagationPolicy
}

/// An object as sent: `apiVersion` and `kind` from its resource, then its own fields.
struct SentObject<Object: KubeObject>: Encodable {
    var object: Object
    enum CodingKeys: String, CodingKey { case apiVersion, kind }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Object.resource.apiVersion, forKey: .apiVersion)
        try c.encode(Object.resource.kind, forKey: .kind)
        try object.encode(to: encoder)
    }
}
