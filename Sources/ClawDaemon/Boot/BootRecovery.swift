import ClawCore
import Logging

/// What the boot pass found at the runtime, before `READY=1`.
struct BootReport: Sendable {
    var runtime: RuntimeInfo?
    var runtimeError: String?
    var containers: Int
}

/// The boot pass: detect the runtime and list clawd's containers in ONE call. Instances and
/// their convergence are the reconciler's; this proves the runtime answers before we are ready.
enum BootRecovery {
    static func run(runtime: (any ContainerRuntime)?, detectionError: String?, installID: String,
                    logger: Logger) async -> BootReport {
        guard let runtime else {
            logger.error("no container runtime", metadata: ["error": "\(detectionError ?? "unknown")"])
            return BootReport(runtime: nil, runtimeError: detectionError, containers: 0)
        }
        do {
            let info = try await runtime.info()
            let ours = try await runtime.listContainers(labels: ["io.clawd.install": installID])
            logger.info("boot reconciliation", metadata: [
                "backend": "\(info.backend.rawValue)", "version": "\(info.version)", "containers": "\(ours.count)",
            ])
            return BootReport(runtime: info, runtimeError: nil, containers: ours.count)
        } catch {
            logger.error("runtime does not answer", metadata: ["error": "\(error)"])
            return BootReport(runtime: nil, runtimeError: "\(error)", containers: 0)
        }
    }
}
