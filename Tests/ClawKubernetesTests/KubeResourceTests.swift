import ClawKubernetes
import Testing

@Suite("Kubernetes resource paths")
struct KubeResourceTests {
    @Test("core kinds live under /api/v1, the others under /apis/<group>/<version>")
    func paths() {
        #expect(KubeResource.pods.collectionPath(namespace: "clawd") == "/api/v1/namespaces/clawd/pods")
        #expect(KubeResource.deployments.collectionPath(namespace: "c") == "/apis/apps/v1/namespaces/c/deployments")
        #expect(KubeResource.leases.apiVersion == "coordination.k8s.io/v1")
        #expect(KubeResource.persistentVolumeClaims.apiVersion == "v1")
    }
}
