import ClawCore
@testable import ClawDaemon
import Foundation
import Testing

@Suite("runtime: kubernetes settings")
struct KubernetesSettingsTests {
    func load(_ env: [String: String]) throws(ConfigError) -> Settings {
        // No config flag and no CLAWD_CONFIG: the default file is read only when it exists.
        try SettingsLoader.load(environment: env, flags: [:])
    }

    @Test("the keys set the cluster placement")
    func keys() throws {
        let s = try load([
            "CLAWD_RUNTIME": "kubernetes", "CLAWD_KUBERNETES_NAMESPACE": "bots", "CLAWD_KUBERNETES_STORAGE_CLASS": "fast-ssd",
            "CLAWD_KUBERNETES_VOLUME_SIZE_PRO": "50Gi", "CLAWD_KUBERNETES_DOMAIN": "Claws.Example.com",
            "CLAWD_KUBERNETES_INGRESS_CLASS": "nginx",
        ])
        #expect(s.runtime == .kubernetes)
        let placement = s.kubernetes.placement
        #expect(placement.namespace == "bots")
        #expect(placement.storageClass == "fast-ssd")
        #expect([placement.volumeSizes.budget, placement.volumeSizes.balanced, placement.volumeSizes.pro]
            == ["5Gi", "10Gi", "50Gi"])
        #expect(placement.domain == "claws.example.com")
        #expect(placement.ingressClass == "nginx")
        #expect(s.localRuntimeMode == "auto", "agent runs still detect a local engine")
        #expect(s.instancesElsewhere?.contains("namespace bots") == true)
        #expect(Settings().instancesElsewhere == nil)
    }

    @Test("bad values name the key", arguments: [
        ("CLAWD_KUBERNETES_NAMESPACE", "Bots_1"), ("CLAWD_KUBERNETES_NAMESPACE", "-bots"),
        ("CLAWD_KUBERNETES_VOLUME_SIZE_BUDGET", "5GB"), ("CLAWD_KUBERNETES_VOLUME_SIZE_BUDGET", "0Gi"),
        ("CLAWD_KUBERNETES_VOLUME_SIZE_BALANCED", "lots"), ("CLAWD_KUBERNETES_STORAGE_CLASS", "a..b"),
        ("CLAWD_KUBERNETES_DOMAIN", "claws example"), ("CLAWD_RUNTIME", "nomad"),
    ])
    func refused(_ name: String, _ value: String) {
        do {
            _ = try load([name: value])
            Issue.record("\(name)=\(value) was accepted")
        } catch {
            #expect(error.source.contains(name), "\(error)")
        }
    }

    @Test("disk limits are refused on kubernetes (the claim size is the limit), accepted locally")
    func diskLimits() throws {
        do {
            _ = try load(["CLAWD_RUNTIME": "kubernetes", "CLAWD_DISK_LIMIT_MB_PRO": "1024"])
            Issue.record("a disk limit was accepted with runtime: kubernetes")
        } catch {
            #expect(error.problem.contains("kubernetes_volume_size"), "\(error)")
        }
        #expect(try load(["CLAWD_RUNTIME": "podman", "CLAWD_DISK_LIMIT_MB_PRO": "1024"]).diskUsage.limits.proMB == 1024)
    }
}
