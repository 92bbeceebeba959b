import ClawCore
import ClawRuntime
import ClawStore
import Foundation

/// The extra mounts of one run: each of the group's `additionalMounts` decided against the
/// allowlist as it is at run start (realpath, blocked patterns, roots, `nonMainReadOnly` for a
/// group that is not main). Refused ones are left out and the run goes ahead; every decision
/// is one audit entry (`mount.run`, actor `run:<runId>`).
enum RunMounts {
    /// `allowlist` is nil when none is configured; a read problem refuses every mount with the reason.
    static func decide(_ group: ContainerGroup, runID: String, allowlist: Result<MountAllowlist?, Error>,
                       home: String = NSHomeDirectory(), resolve: (String) -> String? = MountSecurity.realPath,
                       now: Timestamp = .now()) -> (decisions: [MountDecision], audit: [AuditEntry]) {
        var decisions: [MountDecision] = []
        var audit: [AuditEntry] = []
        for request in group.containerConfig.additionalMounts {
            var decision: MountDecision
            switch allowlist {
            case .failure(let error):
                decision = .refused("the mount allowlist cannot be read: \((error as? ClawError)?.message ?? "\(error)")")
            case .success(let list):
                decision = MountSecurity.validate(request, allowlist: list, isMain: group.isMain, home: home, resolve: resolve)
            }
            // `--volume host:ctr[:ro]` cannot carry a ':' or ',' in the host path.
            if decision.allowed, let host = decision.canonicalHostPath, (try? RuntimeValidation.bindHostPath(host)) == nil {
                decision = .refused("host path '\(host)' contains ':' or ',' and cannot be bind-mounted", canonical: host)
            }
            decisions.append(decision)
            let mode = decision.readOnly ? "ro" : "rw"
            audit.append(AuditEntry(
                at: now, orgID: group.orgID, actor: "run:\(runID)", action: "mount.run",
                target: "\(request.hostPath) -> \(GroupContainerConfig.extraPath(of: request))",
                outcome: decision.allowed ? "allowed" : "refused",
                detail: decision.allowed ? "\(mode): \(decision.message)" : decision.message))
        }
        return (decisions, audit)
    }
}
