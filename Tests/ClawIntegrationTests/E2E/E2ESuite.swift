import ClawClient
import ClawTestSupport
import ClawWire
import Foundation
import Testing

/// End-to-end tests of the built `clawd` process, its real TCP listener and admin
/// socket, and REAL podman. Serialized as one tree (the suites live in `E2E*Tests.swift` as
/// extensions) so that at most one of them loads podman at a time on a 2-core machine.
@Suite("E2E: the built clawd against real podman", .serialized)
enum E2E {
    /// A short random suffix for names unique across runs (subdomains: `[a-z0-9]`).
    static func suffix() -> String { String(UUID().uuidString.lowercased().filter(\.isHexDigit).prefix(8)) }

    /// The port of an instance `url` such as `http://127.0.0.1:23017`.
    static func port(of url: String?) -> Int? { url.flatMap(URL.init(string:))?.port }

    /// The LemonData envelope `{"error": {"message", "type", "code"}}` of a reply, or nil.
    static func envelope(_ reply: ClawClient.Reply) -> ClawErrorEnvelope.Detail? {
        guard let error = try? reply.decode(ClawErrorEnvelope.self).error, !error.message.isEmpty else { return nil }
        return error
    }
}
