import ClawKubernetes
import ClawTestSupport
import Foundation
import Testing
import Yams

/// deploy/kubernetes/: the manifests that run clawd itself on a cluster, parsed as a cluster would.
@Suite("deploy/kubernetes manifests")
struct DeployManifestTests {
    static func directory() throws -> URL {
        try RuntimeTestImage.repositoryRoot().appendingPathComponent("deploy/kubernetes")
    }

    static func text(_ file: String) throws -> String {
        try String(contentsOf: directory().appendingPathComponent(file), encoding: .utf8)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ file: String) throws -> T {
        try YAMLDecoder().decode(type, from: text(file))
    }

    @Test("every file parses, has the kind its name says, and lives in the clawd namespace")
    func kinds() throws {
        let expected = [
            "namespace.yaml": "Namespace", "serviceaccount.yaml": "ServiceAccount", "role.yaml": "Role",
            "rolebinding.yaml": "RoleBinding", "configmap.yaml": "ConfigMap", "service.yaml": "Service",
            "statefulset.yaml": "StatefulSet", "kustomization.yaml": "Kustomization",
        ]
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory().path).filter { $0.hasSuffix(".yaml") }
        #expect(Set(files) == Set(expected.keys))
        for (file, kind) in expected {
            let head = try Self.decode(Head.self, file)
            #expect(head.kind == kind, "\(file)")
            if kind != "Namespace" && kind != "Kustomization" { #expect(head.metadata?.namespace == "clawd", "\(file)") }
        }
        let kustomization = try Self.decode(Kustomization.self, "kustomization.yaml")
        #expect(Set(kustomization.resources) == Set(expected.keys).subtracting(["kustomization.yaml"]))
    }

    @Test("the Role grants exactly KubernetesPermissions.required, bound to clawd's service account")
    func role() throws {
        let role = try Self.decode(Role.self, "role.yaml")
        let granted = role.rules.flatMap { rule in
            rule.apiGroups.map { KubernetesPermissions.Rule(apiGroup: $0, resources: rule.resources, verbs: rule.verbs) }
        }
        #expect(KubernetesPermissions.grants(granted) == KubernetesPermissions.grants(KubernetesPermissions.required))
        #expect(!role.rules.contains { $0.verbs.contains("*") || $0.resources.contains("*") || $0.apiGroups.contains("*") })
        let binding = try Self.decode(RoleBinding.self, "rolebinding.yaml")
        #expect(binding.roleRef.kind == "Role" && binding.roleRef.name == role.metadata.name)
        #expect(binding.subjects.map(\.name) == ["clawd"])
        let statefulSet = try Self.decode(StatefulSet.self, "statefulset.yaml")
        #expect(statefulSet.spec.template.spec.serviceAccountName == "clawd")
    }

    @Test("one replica whose claim template holds the data dir; ready on the health route")
    func statefulSet() throws {
        let set = try Self.decode(StatefulSet.self, "statefulset.yaml")
        #expect(set.spec.replicas == 1)
        let claim = try #require(set.spec.volumeClaimTemplates.first)
        #expect(set.spec.volumeClaimTemplates.count == 1)
        #expect(claim.spec.accessModes == ["ReadWriteOnce"])
        let container = try #require(set.spec.template.spec.containers.first)
        #expect(container.image == "clawd:latest")
        #expect(container.volumeMounts.contains { $0.name == claim.metadata.name && $0.mountPath == "/var/lib/clawd" })
        #expect(container.readinessProbe?.httpGet?.path == "/v1/claw/health")
        #expect(container.ports.map(\.containerPort) == [55765])
        #expect(set.spec.selector.matchLabels == set.spec.template.metadata.labels)
    }

    @Test("the config selects runtime kubernetes in the namespace, with the data dir and port the manifests use")
    func config() throws {
        let map = try Self.decode(ConfigMap.self, "configmap.yaml")
        let yaml = try #require(map.data["clawd.yaml"])
        let config = try YAMLDecoder().decode([String: String].self, from: yaml)
        #expect(config["runtime"] == "kubernetes")
        #expect(config["kubernetes_namespace"] == "clawd")
        #expect(config["data_dir"] == "/var/lib/clawd")
        #expect(config["listen"] == "0.0.0.0:55765")
        let set = try Self.decode(StatefulSet.self, "statefulset.yaml")
        let mount = set.spec.template.spec.containers.first?.volumeMounts.first { $0.name == "config" }
        #expect(mount?.mountPath == "/etc/clawd")
        let service = try Self.decode(ServiceDocument.self, "service.yaml")
        #expect(service.spec.ports.map(\.port) == [55765])
        #expect(service.spec.selector == set.spec.template.metadata.labels)
    }
}

// The few fields of the deploy manifests the tests read.
extension DeployManifestTests {
    struct Meta: Decodable { var name: String?; var namespace: String?; var labels: [String: String]? }
    struct Head: Decodable { var apiVersion: String; var kind: String; var metadata: Meta? }
    struct Kustomization: Decodable { var resources: [String] }
    struct Role: Decodable {
        struct Rule: Decodable { var apiGroups: [String]; var resources: [String]; var verbs: [String] }
        var metadata: Meta
        var rules: [Rule]
    }
    struct RoleBinding: Decodable {
        struct Ref: Decodable { var kind: String; var name: String }
        var roleRef: Ref
        var subjects: [Ref]
    }
    struct ConfigMap: Decodable { var data: [String: String] }
    struct ServiceDocument: Decodable {
        struct Port: Decodable { var port: Int }
        struct Spec: Decodable { var selector: [String: String]; var ports: [Port] }
        var spec: Spec
    }
    struct StatefulSet: Decodable {
        struct Mount: Decodable { var name: String; var mountPath: String }
        struct Port: Decodable { var containerPort: Int }
        struct HTTPGet: Decodable { var path: String }
        struct Probe: Decodable { var httpGet: HTTPGet? }
        struct Container: Decodable {
            var image: String; var ports: [Port]; var volumeMounts: [Mount]; var readinessProbe: Probe?
        }
        struct PodSpec: Decodable { var serviceAccountName: String?; var containers: [Container] }
        struct Template: Decodable { var metadata: Meta; var spec: PodSpec }
        struct ClaimSpec: Decodable { var accessModes: [String] }
        struct Claim: Decodable { var metadata: Meta; var spec: ClaimSpec }
        struct Selector: Decodable { var matchLabels: [String: String] }
        struct Spec: Decodable {
            var replicas: Int; var selector: Selector; var template: Template; var volumeClaimTemplates: [Claim]
        }
        var spec: Spec
    }
}
