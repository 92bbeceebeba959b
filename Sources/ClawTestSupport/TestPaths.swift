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

    /// Ports above the kernel's ephemeral range (32768-60999): only an explicit bind takes one, so
    /// the many client connections of a running suite cannot grab a port between this check and
    /// the server's own bind.
    public static let listenPorts = 61_000...65_000

    /// A TCP port on 127.0.0.1, from `listenPorts`, that was free a moment ago.
    public static func freePort() throws -> Int {
        for _ in 0..<200 {
            let port = Int.random(in: listenPorts)
            if canBind(port) { return port }
        }
        throw POSIXError(.EADDRINUSE)
    }

    static func canBind(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = UInt16(port).bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let len = socklen_t(MemoryLayout<sockaddr_in>.size)
        return withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 }
        }
    }
}
