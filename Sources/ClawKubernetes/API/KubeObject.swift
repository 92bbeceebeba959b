/// A typed Kubernetes object: its kind's resource, and its metadata.
public protocol KubeObject: Codable, Sendable {
    static var resource: KubeResource { get }
    var metadata: ObjectMeta { get set }
}
