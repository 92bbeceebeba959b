/// `propagationPolicy` of a delete.
public enum PropagationPolicy: String, Sendable, Codable {
    case foreground = "Foreground"
    case background = "Background"
    case orphan = "Orphan"
}

/// The few calls of the Kubernetes API clawd makes, in the namespace the client was made for.
/// Every call either succeeds or throws `KubeAPIError` (the server refused) or a transport error.
public protocol KubernetesAPI: Sendable {
    var namespace: String { get }

    /// Server-side apply (`PATCH`, `application/apply-patch+yaml`, `fieldManager=clawd`): creates
    /// the object or updates the fields clawd manages. `force` takes fields another manager owns;
    /// without it such a field is a 409 Conflict. Answers the object as stored.
    func apply<Object: KubeObject>(_ object: Object, force: Bool) async throws -> Object
    /// nil when the object does not exist.
    func get<Object: KubeObject>(_ type: Object.Type, name: String) async throws -> Object?
    /// Deleting a missing object succeeds.
    func delete(_ resource: KubeResource, name: String, propagation: PropagationPolicy) async throws
    /// Every object of the kind whose labels match `labelSelector` (`a=b,c=d`).
    func list<Object: KubeObject>(_ type: Object.Type, labelSelector: String) async throws -> KubeList<Object>
    /// Lists, then watches from the list's resourceVersion; resumes after a dropped connection from
    /// the last seen resourceVersion (bookmarks included) and lists again on 410 Gone, handing the
    /// new list as `.relisted`. Runs until the consumer cancels.
    func watch<Object: KubeObject>(_ type: Object.Type, labelSelector: String) -> AsyncThrowingStream<WatchEvent<Object>, any Error>
    /// Replaces the object (`PUT`) when its `metadata.resourceVersion` is still current; a 409
    /// Conflict otherwise. Used for the leader Lease, where optimistic concurrency is the point.
    func replace<Object: KubeObject>(_ object: Object) async throws -> Object
    /// Creates the object (`POST`); 409 AlreadyExists when it exists.
    func create<Object: KubeObject>(_ object: Object) async throws -> Object
    /// The last `tailLines` lines (all when nil) of a pod's container log.
    func logs(pod: String, container: String?, tailLines: Int?) async throws -> String
}
