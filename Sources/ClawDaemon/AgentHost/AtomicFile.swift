import ClawCore
import Foundation

/// Writes a file so readers see the old or the new content, never a part: a temp file in the
/// same directory created with `mode`, fsynced, then renamed over the target.
enum AtomicFile {
    static func write(_ data: Data, to path: String, mode: mode_t) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let tmp = dir + "/." + (path as NSString).lastPathComponent + ".tmp-" + Identifier.make(prefix: "", length: 8)
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw ClawError(.storage, "cannot create \(tmp): \(String(cString: strerror(errno)))") }
        var ok = true
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { ok = false; return }
                offset += n
            }
        }
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok, rename(tmp, path) == 0 else {
            unlink(tmp)
            throw ClawError(.storage, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}
