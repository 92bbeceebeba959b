import Foundation

/// `v1` Secret of type `Opaque`: the instance's secrets files, by file name. `data` travels
/// base64-encoded as the API requires; it is never part of a description (see
/// `Secret+Description.swift`), so a Secret in a log line shows only its keys and sizes.
public struct Secret: KubeObject, Equatable {
    public static let resource = KubeResource.secrets
    public static let opaque = "Opaque"

    public var metadata: ObjectMeta
    public var type: String?
    public var data: [String: Data]?

    public init(metadata: ObjectMeta, type: String? = Secret.opaque, data: [String: Data]? = nil) {
        self.metadata = metadata
        self.type = type
        self.data = data
    }

    enum CodingKeys: String, CodingKey { case metadata, type, data }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.decode(ObjectMeta.self, forKey: .metadata)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        data = try container.decodeIfPresent([String: String].self, forKey: .data).map { encoded in
            try encoded.mapValues { text in
                guard let bytes = Data(base64Encoded: text) else {
                    throw DecodingError.dataCorruptedError(forKey: .data, in: container,
                                                           debugDescription: "a Secret value is not base64")
                }
                return bytes
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        try encodeTypeMeta(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(metadata, forKey: .metadata)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encodeIfPresent(data?.mapValues { $0.base64EncodedString() }, forKey: .data)
    }
}
