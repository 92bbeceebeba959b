import ClawCore
import ClawWire
import Foundation

/// What the `/api/v1/container/*` routes need from the daemon (runtime, agent image, mount
/// allowlist, credential proxy, IPC). The daemon's `ContainerHub` implements it; API tests
/// use a fake for shapes and validation. Answers are the dialect's wire models.
public protocol ContainerBackend: Sendable {
    func runtimeStatus() async -> ContainerWire.RuntimeStatus

    /// Starts a build of the agent image (the configured tag when nil).
    func startImageBuild(tag: String?, orgID: String?) async throws -> ContainerWire.ImageBuild
    /// One build, nil when unknown; `wait` blocks until it finished.
    func imageBuild(id: String, wait: Bool) async throws -> ContainerWire.ImageBuild?
    func imageStatus(tag: String?) async throws -> ContainerWire.ImageStatus

    /// `isMain`: the group the mount is for is a main group (read-write may be granted).
    func validateMount(_ request: MountRequest, group: String?, isMain: Bool) async throws -> MountDecision
    /// nil when no allowlist file exists (every extra mount is refused).
    func mountAllowlist() async throws -> MountAllowlist?
    /// Persists atomically; the old list stays when this throws.
    func replaceMountAllowlist(_ list: MountAllowlist) async throws

    func proxyStatus() async -> ContainerWire.ProxyStatus
    func startProxy() async throws -> ContainerWire.ProxyStatus
    func stopProxy() async throws -> ContainerWire.ProxyStatus
    func setProxyPort(_ port: Int) async throws -> ContainerWire.ProxyStatus
    /// `orgIds` empty: every org's runs may use it; else only those orgs' runs.
    func addProxyMapping(name: String, upstreamURL: String, credentialType: String, credential: String,
                         orgIds: [String]) async throws -> ContainerWire.ProxyMappingCreated
    /// false when no mapping has that id.
    func deleteProxyMapping(id: String) async throws -> Bool

    func createIPCDirectories(group: String) async throws -> ContainerWire.IPCDirectories
    func sendFollowUp(group: String, text: String) async throws -> ContainerWire.FollowUpDelivered
    func closeGroup(group: String) async throws -> ContainerWire.Closed
}
