/// `apiVersion` and `kind` of an object, always written from its kind's `KubeResource` and never
/// read back: list items of the API server come without them, and a typed object cannot be of
/// another kind anyway.
extension KubeObject {
    public var apiVersion: String { Self.resource.apiVersion }
    public var kind: String { Self.resource.kind }

    /// Writes `apiVersion` and `kind` into the object's mapping; the caller encodes the rest.
    func encodeTypeMeta(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: TypeMetaKeys.self)
        try container.encode(Self.resource.apiVersion, forKey: .apiVersion)
        try container.encode(Self.resource.kind, forKey: .kind)
    }
}

enum TypeMetaKeys: String, CodingKey {
    case apiVersion, kind
}
