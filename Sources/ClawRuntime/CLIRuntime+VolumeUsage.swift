import ClawCore
import Foundation

extension CLIRuntime {
    /// One `volume inspect` for the volume's mountpoint, then the sizes of the files under it,
    /// read on a thread of its own (a large volume must not hold a cooperative thread). The
    /// mountpoint must be readable by clawd: with rootless podman it is in clawd's own storage;
    /// with a root engine and an unprivileged clawd it is not, and the call says so.
    public func volumeDiskUsage(name: String) async throws -> Int64? {
        try RuntimeValidation.name(name)
        let result = try await run(arguments.inspectVolumes([name]))
        if !result.succeeded {
            if Self.isNotFound(result.stderr) { return nil }
            throw failure("volume inspect", result)
        }
        let mountpoint: String
        do {
            let records = try JSONDecoder().decode([VolumeMountpoint].self, from: Data(result.stdout.utf8))
            guard let path = records.first?.Mountpoint, !path.isEmpty else {
                throw ClawError(.runtime, "\(backend) volume inspect printed no mountpoint for \(name)")
            }
            mountpoint = path
        } catch let error as ClawError {
            throw error
        } catch {
            throw decodeError("volume inspect", error)
        }
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(with: Result { try DirectorySize.bytes(under: mountpoint) })
            }
        }
    }
}

/// The one field of `volume inspect` (podman and docker alike) the size needs.
struct VolumeMountpoint: Decodable {
    var Mountpoint: String?
}

/// The sizes of the regular files and symlinks under a directory, found with `lstat` (a
/// symlink counts as itself and is never followed, so a link out of the volume adds nothing).
enum DirectorySize {
    static func bytes(under root: String) throws -> Int64 {
        var total: Int64 = 0
        var pending = [root]
        while let directory = pending.popLast() {
            guard let handle = opendir(directory) else {
                if directory == root {
                    throw ClawError(.unavailable, "cannot read the volume at \(root): \(String(cString: strerror(errno)))")
                }
                continue  // removed meanwhile, or unreadable: the rest still counts
            }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
                }
                if name == "." || name == ".." { continue }
                let path = directory + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: pending.append(path)
                case S_IFREG, S_IFLNK: total += Int64(info.st_size)
                default: break
                }
            }
        }
        return total
    }
}
