import ClawWire
import Foundation

extension DoctorLocal {
    /// Whether instance volume sizes are enforced by the storage: clawd sets no volume size
    /// (podman's and docker's size options work only on tmpfs and on xfs mounted with project
    /// quotas), so the per-tier `disk_limit_mb_*` are enforced by measurement alone; this says
    /// which filesystem holds the volumes and whether it could enforce a size itself.
    static func diskQuota(backend: String?) -> DoctorCheck {
        let engine = backend ?? (which("podman") != nil ? "podman" : "docker")
        guard let binary = which(engine) else {
            return .init("disk-quota", .warn, "no \(engine) binary: cannot tell where instance volumes live")
        }
        let path: String
        if engine == "podman" {
            path = run(binary, ["info", "--format", "{{.Store.VolumePath}}"])
        } else {
            let root = run(binary, ["info", "--format", "{{.DockerRootDir}}"])
            path = root.isEmpty ? "" : root + "/volumes"
        }
        guard !path.isEmpty, let mount = mountHolding(path) else {
            return .init("disk-quota", .warn, "cannot find the filesystem of \(engine)'s volumes",
                         hint: "disk_limit_mb_* are still enforced by measurement")
        }
        let quotaCapable = mount.type == "tmpfs"
            || (mount.type == "xfs" && mount.options.contains { ["prjquota", "pquota", "pqnoenforce"].contains($0) })
        let storage = quotaCapable
            ? "\(mount.type), which could enforce a volume size, but clawd sets none"
            : "\(mount.type), which cannot enforce a volume size (tmpfs and xfs with prjquota can)"
        return .init("disk-quota", .ok,
                     "storage quota not enforced: volumes in \(path) are on \(storage); disk_limit_mb_* stop an "
                        + "instance over its limit (reason quota) at the next measurement")
    }

    /// The mount (from /proc/self/mounts) with the longest mount point containing `path`.
    static func mountHolding(_ path: String) -> (type: String, options: [String])? {
        guard let table = try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8) else { return nil }
        var best: (point: String, type: String, options: [String])?
        for line in table.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 4 else { continue }
            let point = String(fields[1]).replacingOccurrences(of: "\\040", with: " ")
            let inside = point == "/" || path == point || path.hasPrefix(point + "/")
            guard inside, point.count >= (best?.point.count ?? -1) else { continue }
            best = (point, String(fields[2]), fields[3].split(separator: ",").map(String.init))
        }
        return best.map { ($0.type, $0.options) }
    }
}
