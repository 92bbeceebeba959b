import ClawCore
import Foundation

/// What the `/api/v1/container/*` routes need from the daemon (runtime, agent image, mount
/// allowlist, credential proxy, IPC). The daemon's `ContainerHub` implements it; API tests
/// use a fake for shapes and validation.
public protocol ContainerBackend: Sendable {
    /// `GET /container/runtime`: `available`, `backend`, `version`, `networking`, `message`.
    func runtimeStatus() async -> [String: Any]

    /// Starts a build of the agent image (the configured tag when nil); answers its object.
    func startImageBuild(tag: String?) async throws -> [String: Any]
    /// One build's object, nil when unknown; `wait` blocks until it finished.
    func imageBuild(id: String, wait: Bool) async throws -> [String: Any]?
    func imageStatus(tag: String?) async throws -> [String: Any]

    /// `isMain`: the group the mount is for is a main group (read-write may be granted).
    func validateMount(_ request: MountRequest, group: String?, isMain: Bool) async throws -> MountDecision
    /// nil when no allowlist file exists (every extra mount is refused).
    func mountAllowlist() async throws -> MountAllowlist?
    /// Persists atomically; the old list stays when this throws.
    func replaceMountAllowlist(_ list: MountAllowlist) async throws

    func proxyStatus() async -> [String: Any]
    func startProxy() async throws -> [String: Any]
    func stopProxy() async throws -> [String: Any]
    func setProxyPort(_ port: Int) async throws -> [String: Any]
    /// `orgIds` empty: every org's runs may use it; else only those orgs' runs.
    func addProxyMapping(name: String, upstreamURL: String, credentialType: String, credential: String,
                         orgIds: [String]) async throws -> [String: Any]
    /// false when no mapping has that id.
    func deleteProxyMapping(id: String) async throws -> Bool

    func createIPCDirectories(group: String) async throws -> [String: Any]
    func sendFollowUp(group: String, text: String) async throws -> [String: Any]
    func closeGroup(group: String) async throws -> [String: Any]
}
