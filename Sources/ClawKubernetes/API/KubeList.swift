/// A list answer: the items and the collection's resourceVersion a watch resumes from.
public struct KubeList<Item: Decodable & Sendable>: Decodable, Sendable {
    public struct Meta: Codable, Sendable, Equatable {
        public var resourceVersion: String?
        public init(resourceVersion: String?) { self.resourceVersion = resourceVersion }
    }
    public var metadata: Meta
    public var items: [Item]

    public init(resourceVersion: String?, items: [Item]) {
        self.metadata = Meta(resourceVersion: resourceVersion)
        self.items = items
    }

    enum CodingKeys: String, CodingKey { case metadata, items }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try c.decodeIfPresent(Meta.self, forKey: .metadata) ?? Meta(resourceVersion: nil)
        items = try c.decodeIfPresent([Item].self, forKey: .items) ?? []
    }
}
