@testable import ClawAPI
import ClawCore
import Foundation
import Synchronization

/// The container backend without a daemon: allowlist and proxy state in memory, mount decisions
/// from the real (pure) `MountSecurity`. Counts the calls that change something, so a test can
/// show a refused request reached none of them.
final class FakeContainerBackend: ContainerBackend {
    struct Mapping { var id, name, upstream, type, credential, placeholder: String }
    struct State {
        var allowlist: MountAllowlist?
        var running = false
        var port = 3001
        var mappings: [Mapping] = []
        var changes = 0
    }

    let state = Mutex(State())
    var changes: Int { state.withLock { $0.changes } }

    func runtimeStatus() async -> [String: Any] { ["available": false] }
    func startImageBuild(tag: String?) async throws -> [String: Any] { throw ClawError(.unavailable, "fake") }
    func imageBuild(id: String, wait: Bool) async throws -> [String: Any]? { nil }
    func imageStatus(tag: String?) async throws -> [String: Any] { ["exists": false] }

    func validateMount(_ request: MountRequest, group: String?, isMain: Bool) async throws -> MountDecision {
        MountSecurity.validate(request, allowlist: state.withLock { $0.allowlist }, isMain: isMain,
                               home: NSHomeDirectory())
    }

    func mountAllowlist() async throws -> MountAllowlist? { state.withLock { $0.allowlist } }
    func replaceMountAllowlist(_ list: MountAllowlist) async throws {
        state.withLock { $0.allowlist = list; $0.changes += 1 }
    }

    func proxyStatus() async -> [String: Any] {
        state.withLock { s in
            ["running": s.running, "port": s.port, "bindHost": "127.0.0.1", "requestsServed": 0,
             "mappings": s.mappings.map { ["id": $0.id, "name": $0.name, "upstreamUrl": $0.upstream,
                                            "credentialType": $0.type, "placeholder": $0.placeholder] }]
        }
    }

    func startProxy() async throws -> [String: Any] {
        state.withLock { $0.running = true; $0.changes += 1 }
        return await proxyStatus()
    }

    func stopProxy() async throws -> [String: Any] {
        state.withLock { $0.running = false; $0.changes += 1 }
        return await proxyStatus()
    }

    func setProxyPort(_ port: Int) async throws -> [String: Any] {
        state.withLock { $0.port = port; $0.changes += 1 }
        return await proxyStatus()
    }

    func addProxyMapping(name: String, upstreamURL: String, credentialType: String, credential: String,
                         orgIds: [String]) async throws -> [String: Any] {
        let m = Mapping(id: Identifier.make(prefix: "cm", length: 16), name: name, upstream: upstreamURL, type: credentialType,
                        credential: credential, placeholder: "clawd-placeholder-" + Identifier.make(prefix: "", length: 24))
        try state.withLock { s throws(ClawError) in
            guard !s.mappings.contains(where: { $0.name == name }) else {
                throw ClawError(.conflict, "a credential mapping named \(name) exists")
            }
            s.mappings.append(m)
            s.changes += 1
        }
        return ["id": m.id, "name": m.name, "placeholder": m.placeholder, "orgIds": orgIds]
    }

    func deleteProxyMapping(id: String) async throws -> Bool {
        state.withLock { s in
            guard s.mappings.contains(where: { $0.id == id }) else { return false }
            s.mappings.removeAll { $0.id == id }
            s.changes += 1
            return true
        }
    }

    func createIPCDirectories(group: String) async throws -> [String: Any] { [:] }
    func sendFollowUp(group: String, text: String) async throws -> [String: Any] { [:] }
    func closeGroup(group: String) async throws -> [String: Any] { [:] }
}
