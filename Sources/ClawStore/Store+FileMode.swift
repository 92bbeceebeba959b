import ClawCore
import Foundation

extension Store {
    /// Creates an empty database file with mode 0600 (an empty file is a valid SQLite database)
    /// so that the umask never decides who may read it; SQLite creates `-wal` and `-shm` with the
    /// main file's mode. An existing file is left as it is (the daemon checks its mode at start).
    static func createPrivate(_ path: String) throws(ClawError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            if errno == EEXIST { return }
            throw ClawError(.storage, "cannot create database \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        guard fchmod(fd, 0o600) == 0 else {
            throw ClawError(.storage, "cannot set the mode of \(path): \(String(cString: strerror(errno)))")
        }
    }
}
