import AsyncHTTPClient
import ClawCore
import Foundation

extension ClawClient {
    /// A connection failure as one line that says what to do: the socket is missing (is clawd
    /// running?), not ours to open (are you in the clawd group?), or refuses connections.
    func unreachable(_ error: any Error) -> ClawError {
        switch endpoint {
        case .unix(let path):
            if let problem = Self.diagnose(socket: path) { return ClawError(.unavailable, problem) }
            if "\(error)".contains("Connection refused") {
                return ClawError(.unavailable, "connection refused on \(path): clawd is not running (a stale socket?); "
                    + "start it: systemctl start clawd")
            }
            return ClawError(.unavailable, "cannot connect to clawd at \(path) "
                + "(is clawd running? systemctl status clawd): \(Self.short(error))")
        case .tcp:
            return ClawError(.unavailable, "cannot reach clawd at \(endpoint) (is clawd running?): \(Self.short(error))")
        }
    }

    /// Why a Unix socket cannot be used, from the file system alone; nil when it looks usable.
    public static func diagnose(socket path: String) -> String? {
        var st = stat()
        if stat(path, &st) != 0 {
            switch errno {
            case ENOENT, ENOTDIR:
                return "socket \(path) does not exist: is clawd running? (systemctl status clawd; "
                    + "or pass --socket PATH / set CLAWD_SOCKET)"
            case EACCES:
                return permissionDenied(path)
            default:
                return "cannot use socket \(path): \(String(cString: strerror(errno)))"
            }
        }
        if (st.st_mode & S_IFMT) != S_IFSOCK {
            return "\(path) is not a Unix socket: pass clawd's socket with --socket PATH or CLAWD_SOCKET"
        }
        if access(path, R_OK | W_OK) != 0, errno == EACCES { return permissionDenied(path) }
        return nil
    }

    static func permissionDenied(_ path: String) -> String {
        "permission denied on \(path): are you in the clawd group? (sudo usermod -aG clawd $USER, "
            + "then log in again; or run clawctl with sudo)"
    }

    /// The error without NIO's struct dumps: its description, first line, bounded.
    static func short(_ error: any Error) -> String {
        let text = String(describing: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
        return String(text.prefix(200))
    }
}

extension HTTPClient {
    /// For clawctl: a refused or missing socket fails at once instead of being retried until the
    /// request's deadline. A process-wide instance (never shut down; it lives as long as the CLI).
    public static let failFast: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(5)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()
}
