import ClawCore
import Foundation

/// The Unix socket's file: parent directory created, a stale socket replaced, a live one refused.
enum SocketFile {
    static func prepare(_ path: String) throws(ClawError) {
        let parent = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o755])
        } catch {
            throw ClawError(.unavailable, "cannot create socket directory \(parent): \(error.localizedDescription)")
        }
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        guard (st.st_mode & S_IFMT) == S_IFSOCK else {
            throw ClawError(.unavailable, "\(path) exists and is not a socket; refusing to replace it")
        }
        if isListening(path) {
            throw ClawError(.unavailable, "another process is listening on \(path) (is clawd already running?)")
        }
        unlink(path)
    }

    /// Restricts the socket to its owner and group (the `clawd` group is the admin group).
    static func restrict(_ path: String) {
        chmod(path, 0o660)
    }

    static func remove(_ path: String) {
        var st = stat()
        if lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFSOCK { unlink(path) }
    }

    static func isListening(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: addr.sun_path) else { return false }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return rc == 0
    }
}
