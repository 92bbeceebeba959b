import ClawCore
import Foundation

/// The container of one agent run: the group workspace at `/workspace/group` (rw), global
/// instructions at `/workspace/global` (ro), the IPC directory at `/workspace/ipc`, the session
/// directory at `/workspace/session` (rw, `CLAWD_SESSION_DIR`), validated extra mounts under
/// `/workspace/extra/`, the credential proxy's address in the environment and as a host entry,
/// stdin kept open for the prompt.
struct AgentContainerSpec: Sendable {
    /// The name containers use for the host (podman's own name for it; added explicitly so
    /// docker containers have it too).
    static let hostName = "host.containers.internal"
    /// Where the run's session directory appears (`CLAWD_SESSION_DIR`).
    static let sessionPath = "/workspace/session"

    var name: String
    var image: String
    var installID: String
    var group: String
    var runID: String
    var workspace: String
    var global: String?
    var ipc: String
    /// The group's sessions directory, or an isolated run's own (NanoClaw: `.claude`).
    var session: String?
    var extraMounts: [MountDecision] = []
    /// The bridge gateway; nil leaves the proxy variables out.
    var gateway: String?
    var proxyPort: Int
    /// Non-secret variables, e.g. a mapping's placeholder as `ANTHROPIC_API_KEY`.
    var environment: [String: String] = [:]
    /// The run's credential-proxy token: the proxy address becomes `.../_run/<token>`, which
    /// names the run's org to the proxy (scoped mappings). nil: the bare address.
    var proxyToken: String?

    static func extraRunArgs(gateway: String?) -> [String] {
        gateway.map { ["--add-host", "\(hostName):\($0)"] } ?? []
    }

    func make() -> ContainerSpec {
        var spec = ContainerSpec(name: name, image: image, labels: [
            // Not `RuntimeNames.installLabel`: the instance reconciler removes containers with that label
            // that no instance row owns.
            RuntimeNames.agentInstallLabel: installID, RuntimeNames.agentGroupLabel: group, RuntimeNames.agentRunLabel: runID,
        ])
        spec.binds = [
            BindMount(hostPath: workspace, containerPath: "/workspace/group", readOnly: false),
            BindMount(hostPath: ipc, containerPath: "/workspace/ipc", readOnly: false),
        ]
        if let global { spec.binds.append(BindMount(hostPath: global, containerPath: "/workspace/global", readOnly: true)) }
        var env = environment
        if let session {
            spec.binds.append(BindMount(hostPath: session, containerPath: Self.sessionPath, readOnly: false))
            env["CLAWD_SESSION_DIR"] = Self.sessionPath
        }
        for m in extraMounts where m.allowed {
            if let host = m.canonicalHostPath, let path = m.containerPath {
                spec.binds.append(BindMount(hostPath: host, containerPath: path, readOnly: m.readOnly))
            }
        }
        if let gateway {
            spec.extraHosts = [Self.hostName: gateway]
            let base = "http://\(Self.hostName):\(proxyPort)" + (proxyToken.map { "/\(CredentialProxyRouting.runSegment)/\($0)" } ?? "")
            env["CLAWD_PROXY_URL"] = base
            env["ANTHROPIC_BASE_URL"] = base
        }
        env["CLAWD_GROUP"] = group
        spec.environment = env
        spec.interactive = true
        spec.pidsLimit = 512
        return spec
    }
}
