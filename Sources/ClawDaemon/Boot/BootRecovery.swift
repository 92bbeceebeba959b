import ClawCore
import Logging

/// What the boot pass found at the runtime, before `READY=1`.
struct BootReport: Sendable {
    var runtime: InstanceRuntimeInfo?
    var runtimeError: String?
    var containers: Int
    var reconcile: ReconcileReport?
}

/// The boot pass before `READY=1`: the runtime answers, then the engine's first full reconcile
/// (one list call each for containers and volumes; orphans past the grace removed; every
/// instance whose runtime differs from its intent, or with an operation left open by a crash,
/// queued for its worker). The workers themselves run once the engine service starts.
enum BootRecovery {
    static func run(runtime: (any InstanceRuntime)?, detectionError: String?, engine: Engine?,
                    logger: Logger) async -> BootReport {
        guard let runtime else {
            logger.error("no container runtime", metadata: ["error": "\(detectionError ?? "unknown")"])
            return BootReport(runtime: nil, runtimeError: detectionError, containers: 0)
        }
        do {
            let info = try await runtime.info()
            var report = BootReport(runtime: info, runtimeError: nil, containers: 0)
            if let engine {
                let pass = try await engine.reconcile(probe: true)
                report.containers = pass.containers
                report.reconcile = pass
            }
            logger.info("boot reconciliation", metadata: [
                "backend": "\(info.backend.rawValue)", "version": "\(info.version)", "containers": "\(report.containers)",
                "woken": "\(report.reconcile?.woken ?? 0)", "orphans_removed": "\(report.reconcile?.orphansRemoved ?? 0)",
            ])
            return report
        } catch {
            logger.error("runtime does not answer", metadata: ["error": "\(error)"])
            return BootReport(runtime: nil, runtimeError: "\(error)", containers: 0)
        }
    }
}
