/// Where a kind lives in the API: `/api/v1/...` for the core group, `/apis/<group>/<version>/...`
/// for the others; namespaced kinds under `/namespaces/<ns>/`.
public struct KubeResource: Sendable, Hashable {
    /// "" for the core group.
    public var group: String
    public var version: String
    public var kind: String
    /// The lower-case plural of the URL path (`deployments`).
    public var plural: String
    public var namespaced: Bool

    public init(group: String, version: String, kind: String, plural: String, namespaced: Bool = true) {
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.namespaced = namespaced
    }

    /// `v1` or `apps/v1`, as `apiVersion` of an object spells it.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// The collection path, e.g. `/apis/apps/v1/namespaces/clawd/deployments`.
    public func collectionPath(namespace: String) -> String {
        let root = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        return namespaced ? "\(root)/namespaces/\(namespace)/\(plural)" : "\(root)/\(plural)"
    }

    public static let pods = KubeResource(group: "", version: "v1", kind: "Pod", plural: "pods")
    public static let secrets = KubeResource(group: "", version: "v1", kind: "Secret", plural: "secrets")
    public static let services = KubeResource(group: "", version: "v1", kind: "Service", plural: "services")
    public static let persistentVolumeClaims = KubeResource(
        group: "", version: "v1", kind: "PersistentVolumeClaim", plural: "persistentvolumeclaims")
    public static let deployments = KubeResource(group: "apps", version: "v1", kind: "Deployment", plural: "deployments")
    public static let ingresses = KubeResource(
        group: "networking.k8s.io", version: "v1", kind: "Ingress", plural: "ingresses")
    public static let leases = KubeResource(group: "coordination.k8s.io", version: "v1", kind: "Lease", plural: "leases")
}
