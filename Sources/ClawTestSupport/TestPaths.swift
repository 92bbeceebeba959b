import Foundation

/// Paths and small host facts tests need.
public enum TestPaths {
    /// The repository root (from `CLAWD_TEST_REPO_ROOT`, else found from this file's path).
    public static var repoRoot: String {
        if let root = ProcessInfo.processInfo.environment["CLAWD_TEST_REPO_ROOT"], !root.isEmpty { return root }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    /// Where the built `clawd` and `clawctl` are (`CLAWD_TEST_BIN_DIR`, else `.build/debug`).
    public static var binDir: String {
        if let dir = ProcessInfo.processInfo.environment["CLAWD_TEST_BIN_DIR"], !dir.isEmpty { return dir }
        return repoRoot + "/.build/debug"
    }

    /// A fresh, short temporary directory (Unix socket paths must stay under 108 bytes).
    public static func makeTempDir(_ tag: String = "t") throws -> String {
        var template = Array("/tmp/clawd-\(tag)-XXXXXX".utf8CString)
        guard let p = mkdtemp(&template) else { throw POSIXError(.EIO) }
        return String(cString: p)
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago.
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0
            }
        }
        guard ok else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
