import ClawCore
import Foundation

/// The upstream URL of a credential mapping: `http://` or `https://` with a host; no user info,
/// query or fragment.
public enum ProxyUpstream {
    public static func check(_ s: String) throws(ClawError) {
        guard let url = URLComponents(string: s), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty,
              url.user == nil, url.password == nil, url.query == nil, url.fragment == nil
        else {
            throw ClawError(.invalidArgument, "'upstreamUrl' must be an http(s) URL with a host, without credentials, "
                + "query or fragment", param: "upstreamUrl")
        }
    }

    /// `scheme://host[:port]` of a checked upstream, for logs: a path may carry a token (`/bot<token>/`).
    public static func origin(_ s: String) -> String {
        guard let url = URLComponents(string: s), let scheme = url.scheme, let host = url.host else { return "?" }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }
}
