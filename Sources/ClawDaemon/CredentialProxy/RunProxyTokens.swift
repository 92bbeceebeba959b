import ClawCore
import Synchronization

/// The credential proxy's per-run tokens, in memory only: issued when a run's container is about
/// to start, revoked when the run ends (however it ends). A token names the run's org, which
/// decides the scoped mappings the run may use. Tokens are never logged.
final class RunProxyTokens: Sendable {
    struct Entry: Sendable, Equatable {
        var orgID: String
        var runID: String
    }

    private let state = Mutex<[String: Entry]>([:])

    /// A fresh 32-hex-character token for the run.
    func issue(orgID: String, runID: String) -> String {
        let token = Identifier.hex(Identifier.randomBytes(16))
        state.withLock { $0[token] = Entry(orgID: orgID, runID: runID) }
        return token
    }

    func revoke(_ token: String) {
        _ = state.withLock { $0.removeValue(forKey: token) }
    }

    func lookup(_ token: String) -> Entry? { state.withLock { $0[token] } }

    var count: Int { state.withLock { $0.count } }
}
