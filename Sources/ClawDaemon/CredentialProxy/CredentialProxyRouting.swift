import Foundation

/// Where the credential proxy sends one request: pure, over the mappings and the caller's org.
///
/// A run's container addresses the proxy as `/_run/<token>/...`; the token names the run's org
/// (`RunProxyTokens`). A scoped mapping (non-empty `orgIds`) serves only those orgs: by path it
/// is refused (403), by placeholder it is no match. Requests without a token (served only with
/// `credential_proxy_allow_tokenless`) reach only unscoped mappings.
enum CredentialProxyRouting {
    static let runSegment = "_run"

    enum Decision: Equatable {
        /// Forward to the mapping's upstream + `path` (the query is added by the caller).
        case forward(CredentialMapping, path: String)
        /// 403: a mapping named in the path that this caller may not use, or an unknown token.
        case forbidden(String)
        /// 404: nothing matches (for this caller).
        case noMatch
    }

    /// Splits a leading `/_run/<token>` off `path`: (token, the rest, "/..." or ""), or nil
    /// token when the path does not start with it.
    static func splitToken(_ path: String) -> (token: String?, rest: String) {
        let parts = path.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0].isEmpty, parts[1] == Substring(runSegment) else { return (nil, path) }
        let tail = parts[2]
        if let slash = tail.firstIndex(of: "/") {
            return (String(tail[..<slash]), String(tail[slash...]))
        }
        return (String(tail), "")
    }

    /// The decision for `path` (query removed, token already stripped) carrying the
    /// `presented` credential header values, for a caller of `org` (nil: no token).
    static func decide(path: String, presented: [String], mappings: [CredentialMapping], org: String?) -> Decision {
        let segments = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true)
        let first = segments.first.map(String.init) ?? ""
        if !first.isEmpty, let m = mappings.first(where: { $0.id == first || $0.name == first }) {
            guard m.allows(org: org) else { return .forbidden("credential mapping \(first) is not available to this caller") }
            return .forward(m, path: segments.count > 1 ? "/" + segments[1] : "")
        }
        for value in presented {
            if let m = mappings.first(where: { value.contains($0.placeholder) && $0.allows(org: org) }) {
                return .forward(m, path: path)
            }
        }
        return .noMatch
    }
}
