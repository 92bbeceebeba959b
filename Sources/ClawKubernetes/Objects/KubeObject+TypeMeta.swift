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

/// A kind whose body is a `spec` and, for kinds the cluster reports on, a `status`. It is written
/// as the type meta, `metadata` and whichever of the two is set; reading is the synthesized one
/// (the stored properties by name).
public protocol SpecObject: KubeObject {
    associatedtype Spec: Encodable
    associatedtype Status: Encodable = Never
    var spec: Spec? { get }
    var status: Status? { get }
}

enum SpecObjectKeys: String, CodingKey {
    case metadata, spec, status
}

extension SpecObject {
    public func encode(to encoder: any Encoder) throws {
        try encodeTypeMeta(to: encoder)
        var container = encoder.container(keyedBy: SpecObjectKeys.self)
        try container.encode(metadata, forKey: .metadata)
        try container.encodeIfPresent(spec, forKey: .spec)
        try container.encodeIfPresent(status, forKey: .status)
    }
}

extension SpecObject where Status == Never {
    /// A kind without a status.
    public var status: Never? { nil }
}
