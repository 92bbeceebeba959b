import ClawWire
import Foundation

/// Doctor checks made on this host without the daemon: podman's known quirks and the systemd unit.
enum DoctorLocal {
    static func checks(backend: String?) -> [DoctorCheck] {
        var checks: [DoctorCheck] = []
        if backend == nil || backend == "podman", let podman = which("podman") {
            checks += podmanQuirks(podman)
        }
        checks.append(systemdUnit())
        checks.append(diskQuota(backend: backend))
        return checks
    }

    /// docs/spec/runtime.md: crun fails on hybrid cgroups (use runc); podman's default rlimits fail
    /// without CAP_SYS_RESOURCE (set lower default_ulimits).
    static func podmanQuirks(_ podman: String) -> [DoctorCheck] {
        let conf = containersConf()
        var checks: [DoctorCheck] = []
        let hybrid = FileManager.default.fileExists(atPath: "/sys/fs/cgroup/unified")
        let runc = conf.range(of: #"(?m)^\s*runtime\s*=\s*"runc""#, options: .regularExpression) != nil
        if hybrid && !runc {
            checks.append(.init("podman-cgroups", .warn, "hybrid cgroups (v1+v2) and podman may use crun, which fails on them",
                                hint: "set runtime = \"runc\" under [engine] in /etc/containers/containers.conf"))
        } else {
            checks.append(.init("podman-cgroups", .ok, hybrid ? "hybrid cgroups, runtime runc configured" : "cgroups fine for crun/runc"))
        }
        if conf.contains("default_ulimits") {
            checks.append(.init("podman-ulimits", .ok, "default_ulimits configured"))
        } else {
            checks.append(.init("podman-ulimits", .warn, "no default_ulimits: containers fail with \"setrlimit RLIMIT_NOFILE\" "
                                    + "without CAP_SYS_RESOURCE",
                                hint: "default_ulimits = [\"nofile=1024:1024\", \"nproc=4096:4096\"] under [containers]"))
        }
        return checks
    }

    /// Every containers.conf podman reads system-wide, concatenated.
    static func containersConf() -> String {
        var paths = ["/usr/share/containers/containers.conf", "/etc/containers/containers.conf"]
        for dir in ["/usr/share/containers/containers.conf.d", "/etc/containers/containers.conf.d"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            paths += names.filter { $0.hasSuffix(".conf") }.sorted().map { "\(dir)/\($0)" }
        }
        return paths.compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }.joined(separator: "\n")
    }

    static func systemdUnit() -> DoctorCheck {
        guard let systemctl = which("systemctl") else {
            return .init("systemd", .warn, "systemctl not found: clawd is not supervised by systemd")
        }
        guard FileManager.default.fileExists(atPath: "/run/systemd/system") else {
            return .init("systemd", .warn, "systemd is not running on this host (a container?): nothing supervises clawd")
        }
        let active = run(systemctl, ["is-active", "clawd.service"])
        let enabled = run(systemctl, ["is-enabled", "clawd.service"])
        if active == "active" {
            return .init("systemd", enabled == "enabled" ? .ok : .warn, "clawd.service \(active), \(enabled)",
                         hint: enabled == "enabled" ? nil : "systemctl enable clawd")
        }
        return .init("systemd", .warn, "clawd.service \(active.isEmpty ? "unknown" : active), \(enabled)",
                     hint: "scripts/install, then systemctl enable --now clawd")
    }

    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
            return "\(dir)/\(name)"
        }
        return nil
    }

    /// The first line of a short command's stdout ("" when it cannot run).
    static func run(_ executable: String, _ arguments: [String]) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return "" }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
    }
}
