import AsyncHTTPClient
import ClawAPI
import ClawCore
import ClawStore
import ClawWire
import Foundation
import Logging

/// The daemon's side of the container API: runtime facts, agent image builds, the
/// mount allowlist, the credential proxy and IPC directories.
final class ContainerHub: ContainerBackend {
    let runtime: (any ContainerRuntime)?
    let runtimeError: String?
    let installID: String
    let allowlistPath: String
    let images: ImageBuilds
    let proxy: CredentialProxy
    let ipc: IPCDirectories
    let agentImage: String
    /// The agent network and the org networks' firewall (nil: network isolation is off).
    let networks: TenantNetworks?
    /// Where instances run when that is not this runtime (said in `GET /container/runtime`).
    let instancesElsewhere: String?
    let logger = Logger(label: "clawd.container")

    init(settings: Settings, runtime: (any ContainerRuntime)?, runtimeError: String?, installID: String,
         networks: TenantNetworks?, store: Store? = nil) throws {
        self.networks = networks
        instancesElsewhere = settings.instancesElsewhere
        self.runtime = runtime
        self.runtimeError = runtimeError
        self.installID = installID
        allowlistPath = settings.mountAllowlistPath ?? ContainerHub.defaultAllowlistPath(configPath: settings.configPath)
        agentImage = settings.agentImage
        images = ImageBuilds(runtime: runtime, context: settings.agentImageContext, busybox: settings.agentImageBusybox,
                             defaultTag: settings.agentImage, operations: store)
        ipc = IPCDirectories(root: settings.dataDir + "/ipc")
        var config = HTTPClient.Configuration()
        config.redirectConfiguration = .disallow
        config.decompression = .disabled
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
        let mappings = try CredentialMappings(path: settings.dataDir + "/credential-proxy/mappings.json")
        proxy = CredentialProxy(mappings: mappings, client: client, port: settings.credentialProxyPort,
                                bindSetting: settings.credentialProxyBind,
                                allowTokenless: settings.credentialProxyAllowTokenless,
                                gateway: { [runtime, networks] in await Self.runGateway(runtime: runtime, networks: networks) })
    }

    /// The address run containers reach the host (and the proxy) at: the agent network's gateway
    /// with network isolation, else the default network's.
    static func runGateway(runtime: (any ContainerRuntime)?, networks: TenantNetworks?) async -> String? {
        if let networks { return await networks.agentsGateway() }
        return try? await runtime?.hostGateway()
    }

    /// The network run containers join (nil: the engine's default).
    var runNetwork: String? { networks == nil ? nil : RuntimeNames.agentsNetwork }

    func runGateway() async -> String? { await Self.runGateway(runtime: runtime, networks: networks) }

    static func defaultAllowlistPath(configPath: String?) -> String {
        let config = configPath ?? SettingsLoader.defaultConfigPath
        return (config as NSString).deletingLastPathComponent + "/mount-allowlist.json"
    }

    // MARK: runtime and image

    func runtimeStatus() async -> ContainerWire.RuntimeStatus {
        guard let runtime else {
            return .init(available: false, backend: nil, version: nil, networking: .init(),
                         message: noted(runtimeError ?? "no container runtime detected"))
        }
        do {
            let info = try await runtime.info()
            let gateway = networks == nil ? try await runtime.hostGateway() : await runGateway()
            return .init(available: true, backend: info.backend.rawValue, version: info.version,
                         networking: .init(hostGateway: gateway, extraRunArgs: AgentContainerSpec.extraRunArgs(gateway: gateway)),
                         message: noted("\(info.backend.rawValue) \(info.version) at \(info.binaryPath)"))
        } catch {
            return .init(available: false, backend: runtime.backend.rawValue, version: nil, networking: .init(),
                         message: noted("\(error)"))
        }
    }

    private func noted(_ message: String) -> String {
        instancesElsewhere.map { "\(message) (\($0))" } ?? message
    }

    func startImageBuild(tag: String?, orgID: String?) async throws -> ContainerWire.ImageBuild {
        try await images.start(tag: tag, orgID: orgID).wire
    }

    func imageBuild(id: String, wait: Bool) async throws -> ContainerWire.ImageBuild? { await images.get(id, wait: wait)?.wire }

    func imageStatus(tag: String?) async throws -> ContainerWire.ImageStatus {
        let tag = tag ?? agentImage
        guard Validation.isImageReference(tag) else {
            throw ClawError(.invalidArgument, "'imageTag' is not a valid image reference", param: "imageTag")
        }
        guard let runtime else { throw ClawError(.unavailable, "no container runtime: \(runtimeError ?? "not detected")") }
        guard let image = try await runtime.inspectImage(tag) else {
            return .init(exists: false, imageTag: tag, message: "image \(tag) not found: POST /container/image/build")
        }
        return .init(exists: true, imageTag: tag, message: "image \(tag) exists", id: image.id,
                     createdAt: image.createdAt.map { Timestamp($0).iso8601 }, sizeBytes: image.sizeBytes)
    }

    // MARK: mounts

    func validateMount(_ request: MountRequest, group: String?, isMain: Bool) async throws -> MountDecision {
        let decision = MountSecurity.validate(request, allowlist: try await mountAllowlist(), isMain: isMain,
                                              home: NSHomeDirectory())
        logger.info("mount decision", metadata: ["allowed": "\(decision.allowed)", "group": "\(group ?? "-")"])
        return decision
    }

    func mountAllowlist() async throws -> MountAllowlist? {
        guard let data = FileManager.default.contents(atPath: allowlistPath) else { return nil }
        do {
            return try ContainerWire.request(MountAllowlist.self, from: data)
        } catch {
            // Checked like a PUT body; the message names the file rather than a request body.
            throw ClawError(error.code, "the mount allowlist \(allowlistPath) is not usable: \(error.message)", param: error.param)
        }
    }

    func replaceMountAllowlist(_ list: MountAllowlist) async throws {
        let dir = (allowlistPath as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try AtomicFile.write(try list.fileData(), to: allowlistPath, mode: 0o644)
        logger.info("mount allowlist replaced", metadata: ["roots": "\(list.allowedRoots.count)"])
    }

    // MARK: credential proxy

    func proxyStatus() async -> ContainerWire.ProxyStatus { await proxy.status().wire }

    func startProxy() async throws -> ContainerWire.ProxyStatus {
        try await proxy.start()
        return await proxy.status().wire
    }

    func stopProxy() async throws -> ContainerWire.ProxyStatus {
        await proxy.stop()
        return await proxy.status().wire
    }

    func setProxyPort(_ port: Int) async throws -> ContainerWire.ProxyStatus {
        try await proxy.setPort(port)
        try await networks?.setProxyPort(port)
        return await proxy.status().wire
    }

    func addProxyMapping(name: String, upstreamURL: String, credentialType: String, credential: String,
                         orgIds: [String]) async throws -> ContainerWire.ProxyMappingCreated {
        let m = try proxy.mappings.add(name: name, upstreamUrl: upstreamURL, credentialType: credentialType,
                                       credential: credential, orgIds: orgIds)
        logger.info("credential mapping added", metadata: ["mapping": "\(m.id)", "name": "\(name)",
                                                           "orgs": "\(orgIds.count)"])
        return .init(id: m.id, name: m.name, placeholder: m.placeholder, orgIds: orgIds)
    }

    func deleteProxyMapping(id: String) async throws -> Bool {
        let removed = try proxy.mappings.remove(id: id)
        if removed { logger.info("credential mapping removed", metadata: ["mapping": "\(id)"]) }
        return removed
    }

    // MARK: IPC

    func createIPCDirectories(group: String) async throws -> ContainerWire.IPCDirectories {
        let (path, created) = try ipc.create(group: group)
        return .init(group: group, path: path, created: created)
    }

    func sendFollowUp(group: String, text: String) async throws -> ContainerWire.FollowUpDelivered {
        try GroupName.validate(group, param: "group")
        guard try await hasActiveRun(group: group) else {
            throw ClawError(.conflict, "group \(group) has no active run to send a follow-up to")
        }
        let file = try ipc.writeFollowUp(group: group, text: text)
        return .init(file: file)
    }

    func closeGroup(group: String) async throws -> ContainerWire.Closed {
        try ipc.writeClose(group: group)
        return .init()
    }

    /// A running agent container of this install carries the group's label.
    func hasActiveRun(group: String) async throws -> Bool {
        guard let runtime else { return false }
        let containers = try await runtime.listContainers(labels: [
            RuntimeNames.agentInstallLabel: installID, RuntimeNames.agentGroupLabel: group,
        ])
        return containers.contains { $0.state == .running }
    }
}
