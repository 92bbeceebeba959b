/// The RBAC rules clawd needs in its namespace, and no more: the one list the Role in
/// `deploy/kubernetes/role.yaml` is checked against.
public enum KubernetesPermissions {
    /// One rule of a Role: these verbs on these resources of one API group.
    public struct Rule: Sendable, Equatable, Hashable {
        public var apiGroup: String
        public var resources: [String]
        public var verbs: [String]

        public init(apiGroup: String, resources: [String], verbs: [String]) {
            self.apiGroup = apiGroup
            self.resources = resources
            self.verbs = verbs
        }
    }

    /// What clawd does with the objects it owns: apply (`patch`, and `create` when apply makes the
    /// object), read (`get`), resync and orphan cleanup (`list`), runtime events (`watch`), delete.
    public static let managedVerbs = ["get", "list", "watch", "create", "patch", "delete"]

    public static let required: [Rule] = [
        Rule(apiGroup: "apps", resources: ["deployments"], verbs: managedVerbs),
        Rule(apiGroup: "", resources: ["persistentvolumeclaims", "secrets", "services"], verbs: managedVerbs),
        Rule(apiGroup: "networking.k8s.io", resources: ["ingresses"], verbs: managedVerbs),
        // Pods are made by the Deployments: clawd reads them for health and deletes a stuck one.
        Rule(apiGroup: "", resources: ["pods"], verbs: ["get", "list", "watch", "delete"]),
        Rule(apiGroup: "", resources: ["pods/log"], verbs: ["get"]),
        // The leader Lease: optimistic replace (`update`) is the point, never apply.
        Rule(apiGroup: "coordination.k8s.io", resources: ["leases"], verbs: ["get", "create", "update"]),
    ]

    /// Every (group, resource, verb) granted, for comparisons that ignore how rules are grouped.
    public static func grants(_ rules: [Rule]) -> Set<String> {
        Set(rules.flatMap { rule in
            rule.resources.flatMap { resource in rule.verbs.map { "\(rule.apiGroup)/\(resource):\($0)" } }
        })
    }
}
