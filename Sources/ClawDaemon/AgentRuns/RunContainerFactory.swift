import ClawCore
import ClawStore
import Foundation
import Logging

/// Builds the container of one run (`AgentContainerSpec`): the group's directories, its
/// session directory (`group` mode) or a fresh one (`isolated`), the extra mounts the allowlist
/// allows now (each decision audited), the credential proxy's address with the run's token.
struct RunContainerFactory: Sendable {
    let runs: ContainerRunStore
    let image: String
    let installID: String
    let hub: ContainerHub
    let gateway: GatewayCache
    let logger = Logger(label: "clawd.runs")

    var files: ContainerFiles { runs.files }

    func spec(for run: ContainerRun, name: String, proxyToken: String? = nil) async throws -> ContainerSpec {
        try files.prepareGroup(run.group)
        guard let group = try await runs.group(name: run.group, orgID: nil) else {
            throw ClawError(.notFound, "group '\(run.group)' no longer exists")
        }
        let session: String
        if run.contextMode == "isolated" {
            session = files.isolatedSession(run.id)
            try? FileManager.default.removeItem(atPath: session)
            try ContainerFiles.makeDirectory(session)
        } else {
            session = files.sessions(run.group)
        }
        let allowlist: Result<MountAllowlist?, Error>
        do { allowlist = .success(try await hub.mountAllowlist()) } catch { allowlist = .failure(error) }
        let mounts = RunMounts.decide(group, runID: run.id, allowlist: allowlist)
        for entry in mounts.audit { await runs.audit(entry) }
        if !mounts.audit.isEmpty {
            logger.info("run mounts decided", metadata: [
                "run": "\(run.id)", "allowed": "\(mounts.decisions.filter(\.allowed).count)",
                "refused": "\(mounts.decisions.filter { !$0.allowed }.count)",
            ])
        }
        let gatewayIP = await gateway.get { [hub] in await hub.runGateway() }
        var spec = AgentContainerSpec(
            name: name, image: image, installID: installID, group: run.group, runID: run.id,
            workspace: files.workspace(run.group), global: files.globalDirectory, ipc: files.ipc(run.group),
            gateway: gatewayIP, proxyPort: await hub.proxy.port)
        spec.session = session
        spec.proxyToken = proxyToken
        spec.extraMounts = mounts.decisions
        var container = spec.make()
        container.network = hub.runNetwork
        return container
    }
}
