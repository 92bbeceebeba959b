import Foundation
import Yams

/// Byte-stable text of rendered objects: keys sorted in both encodings, so rendering the same
/// input twice gives the same bytes and a golden file can hold a render.
extension InstanceObjects {
    /// One YAML document per object, `---` between them, in apply order: what `kubectl apply -f`
    /// and `podman kube play` read.
    public func yamlDocuments() throws -> String {
        try ManifestEncoding.yamlDocuments(all)
    }

    /// A JSON array of the objects in apply order.
    public func json() throws -> Data {
        try ManifestEncoding.json(all.map(AnyKubeObject.init))
    }
}

/// The encoders every rendered object goes through.
public enum ManifestEncoding {
    /// Sorted keys, no escaped slashes, pretty: stable bytes for diffs and golden files.
    public static func json<Value: Encodable>(_ value: Value) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// One object as a YAML document, keys sorted.
    public static func yaml<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = YAMLEncoder()
        encoder.options = YAMLEncoder.Options(indent: 2, width: -1, sortKeys: true)
        return try encoder.encode(value)
    }

    public static func yamlDocuments(_ objects: [any KubeObject]) throws -> String {
        try objects.map { try yaml(AnyKubeObject($0)) }.joined(separator: "---\n")
    }
}

/// Encodes whichever object it holds, for heterogeneous arrays.
struct AnyKubeObject: Encodable {
    let object: any KubeObject
    init(_ object: any KubeObject) { self.object = object }
    func encode(to encoder: any Encoder) throws { try object.encode(to: encoder) }
}
