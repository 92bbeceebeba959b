import ClawCore
import Foundation

/// The data directory holds the database (API key hashes, every tenant's IM config and bot
/// tokens), backups and credential mappings, so no other user may read any of it. `prepare`
/// creates it 0700 whatever the umask, and refuses to start on a directory or secret file that
/// other users can read (group access, e.g. 0750, is fine).
struct DataDirectory: Sendable {
    let path: String

    /// The files and directories holding secrets that only clawd writes, relative to the data
    /// directory; a directory's files are checked too. (Agent containers write into `ipc/`,
    /// `groups/` and `sessions/` with their own umask; the directory's mode keeps those private.)
    static let secretPaths = ["clawd.sqlite", "clawd.sqlite-wal", "clawd.sqlite-shm", "credential-proxy", "backups", "channels"]

    /// Creates the directory (mode 0700) when it is missing, then checks it.
    func prepare() throws(ClawError) {
        if !FileManager.default.fileExists(atPath: path) {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw ClawError(.storage, "cannot create data directory \(path): \(error.localizedDescription)")
            }
            guard chmod(path, 0o700) == 0 else {
                throw ClawError(.storage, "cannot set the mode of data directory \(path): \(String(cString: strerror(errno)))")
            }
        }
        try check()
    }

    /// Refuses (`ClawError.config`, naming the path and the fix) when other users can reach the
    /// directory or read one of its secret files.
    func check() throws(ClawError) {
        guard let mode = Self.mode(path, followingLinks: true) else {
            throw ClawError(.storage, "cannot read the mode of data directory \(path): \(String(cString: strerror(errno)))")
        }
        if mode & 0o007 != 0 {
            throw ClawError(.config, "data directory \(path) is open to other users (mode \(Self.octal(mode))); it "
                + "holds the database and every tenant's secrets. Fix: chmod 700 \(path) (or 750 for a group)")
        }
        let exposed = Self.secretPaths.flatMap { Self.exposed(under: path + "/" + $0) }
        if let first = exposed.first {
            let more = exposed.count > 1 ? " and \(exposed.count - 1) more" : ""
            throw ClawError(.config, "\(first.path) is readable by other users (mode \(Self.octal(first.mode)))\(more); "
                + "it holds secrets. Fix: chmod -R o-rwx \(path)")
        }
    }

    /// `path` and, for a directory, everything under it, whose mode gives other users any access.
    static func exposed(under path: String) -> [(path: String, mode: mode_t)] {
        guard let mode = mode(path) else { return [] }
        var found: [(path: String, mode: mode_t)] = mode & 0o007 != 0 ? [(path, mode)] : []
        guard mode & S_IFMT == S_IFDIR, let names = FileManager.default.enumerator(atPath: path) else { return found }
        for case let name as String in names {
            let child = path + "/" + name
            if let m = Self.mode(child), m & S_IFMT != S_IFLNK, m & 0o007 != 0 { found.append((child, m)) }
        }
        return found
    }

    /// The mode of `path` (of the link itself unless `followingLinks`: a data directory may be
    /// a symlink), or nil when it does not exist.
    static func mode(_ path: String, followingLinks: Bool = false) -> mode_t? {
        var st = stat()
        return (followingLinks ? stat(path, &st) : lstat(path, &st)) == 0 ? st.st_mode : nil
    }

    static func octal(_ mode: mode_t) -> String { "0" + String(mode & 0o777, radix: 8) }
}
