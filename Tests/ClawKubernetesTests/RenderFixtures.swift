import ClawCore
import ClawKubernetes
import Foundation

/// The inputs the render tables share: one instance of each lifecycle state and one placement.
enum RenderFixtures {
    static let installID = "inst-7f3a"
    static let instanceID = "c0123456789abcdefghijklmn"
    /// Marked so a test can search every rendered byte for it.
    static let secretJSON = #"{"telegram":{"botToken":"123456:SECRET-TOKEN-DO-NOT-LEAK"}}"#
    static let secretMarker = "SECRET-TOKEN-DO-NOT-LEAK"
    static let deploymentUID = "0f4c2f6e-6a8b-4a39-9d4e-3b1c8f0a1e22"

    static let placement = KubernetesPlacement(
        namespace: "clawd", storageClass: "fast-ssd", ingressClass: "nginx", domain: "bots.example.com")

    static func workload(tier: Tier = .balanced, generation: Int = 3, running: Bool = true,
                         deploymentUID: String? = RenderFixtures.deploymentUID) -> InstanceWorkload {
        InstanceWorkload(
            instanceID: instanceID, installID: installID, generation: generation,
            image: "localhost/clawd-demo:latest",
            environment: ["CLAW_INSTANCE_ID": instanceID, "CLAW_SUBDOMAIN": "my-bot",
                          "CLAW_STATE_DIR": InstanceWorkload.defaultStateDir, "CLAW_PORT": "18789"],
            tier: tier, imConfig: IMConfig(json: secretJSON), running: running, subdomain: "my-bot",
            deploymentUID: deploymentUID)
    }

    static func instance(_ status: InstanceStatus, desired: Desired, stopReason: StopReason? = nil,
                         generation: Int = 3) -> Instance {
        let at = Timestamp(millis: 1_767_225_600_000)
        return Instance(id: instanceID, orgID: "o1", subdomain: "my-bot", tier: .balanced, status: status,
                        stopReason: stopReason, desired: desired, generation: generation,
                        image: "localhost/clawd-demo:latest", paidUntil: at, createdAt: at, updatedAt: at,
                        rebuildDay: "2026-01-01", totalPaid: Cents(0))
    }

    static func yaml(_ objects: InstanceObjects) throws -> String { try objects.yamlDocuments() }
    static func json(_ objects: InstanceObjects) throws -> String { String(decoding: try objects.json(), as: UTF8.self) }
}
