@testable import ClawAPI
import ClawCore
import ClawWire
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

    func runtimeStatus() async -> ContainerWire.RuntimeStatus {
        .init(available: false, backend: nil, version: nil, networking: .init(), message: "fake")
    }
    func startImageBuild(tag: String?, orgID: String?) async throws -> ContainerWire.ImageBuild { throw ClawError(.unavailable, "fake") }
    func imageBuild(id: String, wait: Bool) async throws -> ContainerWire.ImageBuild? { nil }
    func imageStatus(tag: String?) async throws -> ContainerWire.ImageStatus {
        .init(exists: false, imageTag: tag ?? "fake", message: "fake")
    }

    func validateMount(_ request: MountRequest, group: String?, isMain: Bool) async throws -> MountDecision {
        MountSecurity.validate(request, allowlist: state.withLock { $0.allowlist }, isMain: isMain,
                               home: NSHomeDirectory())
    }

    func mountAllowlist() async throws -> MountAllowlist? { state.withLock { $0.allowlist } }
    func replaceMountAllowlist(_ list: MountAllowlist) async throws {
        state.withLock { $0.allowlist = list; $0.changes += 1 }
    }

    func proxyStatus() async -> ContainerWire.ProxyStatus {
        state.withLock { s in
            .init(running: s.running, port: s.port, bindHost: "127.0.0.1", mappings: s.mappings.map {
                .init(id: $0.id, name: $0.name, upstreamUrl: $0.upstream, credentialType: $0.type, placeholder: $0.placeholder,
                      createdAt: "2026-01-01T00:00:00.000Z", orgIds: [])
            }, requestsServed: 0)
        }
    }

    func startProxy() async throws -> ContainerWire.ProxyStatus {
        state.withLock { $0.running = true; $0.changes += 1 }
        return await proxyStatus()
    }

    func stopProxy() async throws -> ContainerWire.ProxyStatus {
        state.withLock { $0.running = false; $0.changes += 1 }
        return await proxyStatus()
    }

    func setProxyPort(_ port: Int) async throws -> ContainerWire.ProxyStatus {
        state.withLock { $0.port = port; $0.changes += 1 }
        return await proxyStatus()
    }

    func addProxyMapping(name: String, upstreamURL: String, credentialType: String, credential: String,
                         orgIds: [String]) async throws -> ContainerWire.ProxyMappingCreated {
        let m = Mapping(id: Identifier.make(prefix: "cm", length: 16), name: name, upstream: upstreamURL, type: credentialType,
                        credential: credential, placeholder: "clawd-placeholder-" + Identifier.make(prefix: "", length: 24))
        try state.withLock { s throws(ClawError) in
            guard !s.mappings.contains(where: { $0.name == name }) else {
                throw ClawError(.conflict, "a credential mapping named \(name) exists")
            }
            s.mappings.append(m)
            s.changes += 1
        }
        return .init(id: m.id, name: m.name, placeholder: m.placeholder, orgIds: orgIds)
    }

    func deleteProxyMapping(id: String) async throws -> Bool {
        state.withLock { s in
            guard s.mappings.contains(where: { $0.id == id }) else { return false }
            s.mappings.removeAll { $0.id == id }
            s.changes += 1
            return true
        }
    }

    func createIPCDirectories(group: String) async throws -> ContainerWire.IPCDirectories {
        .init(group: group, path: "/fake/ipc/" + group, created: true)
    }
    func sendFollowUp(group: String, text: String) async throws -> ContainerWire.FollowUpDelivered {
        .init(file: "/fake/ipc/\(group)/input/1.json")
    }
    func closeGroup(group: String) async throws -> ContainerWire.Closed { .init() }
}
