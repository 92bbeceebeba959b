import ClawCore
import ClawWire
import Foundation
import Synchronization

/// One credential mapping of the proxy, as stored in the mappings file. `credential` never
/// leaves this file's owner: status and API answers use `wire`.
struct CredentialMapping: Codable, Sendable, Equatable {
    var id: String
    var name: String
    var upstreamUrl: String
    var credentialType: String
    var credential: String
    var placeholder: String
    var createdAt: String
    /// The orgs whose agent runs may use it; nil or empty: every org (files written before
    /// the field existed have none).
    var orgIds: [String]?

    var wire: ContainerWire.ProxyMapping {
        .init(id: id, name: name, upstreamUrl: upstreamUrl, credentialType: credentialType, placeholder: placeholder,
              createdAt: createdAt, orgIds: orgIds ?? [])
    }

    var isScoped: Bool { !(orgIds ?? []).isEmpty }

    /// Whether a caller of `org` (nil: a request without a run token) may use it.
    func allows(org: String?) -> Bool {
        guard isScoped else { return true }
        guard let org else { return false }
        return orgIds?.contains(org) == true
    }
}

/// The proxy's mappings, persisted as JSON in a 0600 file (directory 0700) beside the database,
/// written atomically (tmp + rename). Credentials live only there and in memory.
final class CredentialMappings: Sendable {
    let path: String
    private let state: Mutex<[CredentialMapping]>

    init(path: String) throws {
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        var loaded: [CredentialMapping] = []
        if let data = FileManager.default.contents(atPath: path) {
            do {
                loaded = try JSONDecoder().decode([CredentialMapping].self, from: data)
            } catch {
                throw ClawError(.storage, "credential mappings file \(path) is unreadable: \(error)")
            }
        }
        state = Mutex(loaded)
    }

    var all: [CredentialMapping] { state.withLock { $0 } }

    func add(name: String, upstreamUrl: String, credentialType: String, credential: String,
             orgIds: [String] = []) throws -> CredentialMapping {
        let mapping = CredentialMapping(
            id: Identifier.make(prefix: "cm", length: 16), name: name,
            upstreamUrl: upstreamUrl.hasSuffix("/") ? String(upstreamUrl.dropLast()) : upstreamUrl,
            credentialType: credentialType, credential: credential,
            placeholder: "clawd-placeholder-" + Identifier.make(prefix: "", length: 24),
            createdAt: Timestamp.now().iso8601, orgIds: orgIds.isEmpty ? nil : orgIds)
        try state.withLock { list in
            guard !list.contains(where: { $0.name == name }) else {
                throw ClawError(.conflict, "a credential mapping named \(name) exists", param: "name")
            }
            var next = list
            next.append(mapping)
            try save(next)
            list = next
        }
        return mapping
    }

    func remove(id: String) throws -> Bool {
        try state.withLock { list in
            guard list.contains(where: { $0.id == id }) else { return false }
            let next = list.filter { $0.id != id }
            try save(next)
            list = next
            return true
        }
    }

    private func save(_ list: [CredentialMapping]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(list), to: path, mode: 0o600)
    }
}
