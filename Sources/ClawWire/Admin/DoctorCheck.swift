import Foundation

/// One doctor line: `clawctl doctor` prints them, the console's host page shows them.
public struct DoctorCheck: Encodable, Sendable, Equatable {
    public enum Level: String, Sendable { case ok, warn, fail }
    public var name: String
    public var level: Level
    public var detail: String
    public var hint: String?

    public init(_ name: String, _ level: Level, _ detail: String, hint: String? = nil) {
        self.name = name
        self.level = level
        self.detail = detail
        self.hint = hint
    }

    enum CodingKeys: String, CodingKey { case name, status, detail, hint }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(level.rawValue, forKey: .status)
        try c.encode(detail, forKey: .detail)
        try c.encode(hint, forKey: .hint)
    }
}

extension DoctorCheck {
    /// What the daemon reports about its runtime, database, tenant isolation and image
    /// (`/admin/status` and the health checks).
    public static func daemonChecks(_ status: AdminStatus, database health: HealthCheckDTO?) -> [DoctorCheck] {
        var checks: [DoctorCheck] = []
        let runtime = status.runtime
        let backend = runtime["backend"] ?? "none"
        if runtime["ok"] == "true" {
            checks.append(.init("runtime", .ok, "\(backend): \(runtime["detail"] ?? "")"))
        } else {
            checks.append(.init("runtime", .fail, "\(backend): \(runtime["detail"] ?? "not working")",
                                hint: "install podman and runc (apt-get install podman runc), see clawctl doctor's podman checks"))
        }
        if let health, !health.ok {
            checks.append(.init("database", .fail, health.detail, hint: "check the data directory's owner and free space"))
        } else {
            let size = Int64(status.database["sizeBytes"] ?? "").map(Self.bytes) ?? "?"
            checks.append(.init("database", .ok, "\(status.database["path"] ?? "?") (\(size))"))
        }
        if let check = isolation(runtime) { checks.append(check) }
        let image = runtime["image"] ?? "?"
        switch runtime["imagePresent"] {
        case "true": checks.append(.init("image", .ok, image))
        case "false": checks.append(.init("image", .fail, "\(image) is not present at \(backend)",
                                          hint: "build or load it, e.g. scripts/build-image --tag \(image)"))
        default: checks.append(.init("image", .warn, "\(image): presence unknown (no runtime)"))
        }
        return checks
    }

    /// Tenant network isolation as the daemon reports it: on is ok, off a warning (every tenant
    /// shares one network), an error a failure; nil from a daemon that does not report it.
    public static func isolation(_ runtime: [String: String]) -> DoctorCheck? {
        guard let state = runtime["isolation"] else { return nil }
        let detail = runtime["isolationDetail"] ?? ""
        switch state {
        case "on": return .init("isolation", .ok, detail)
        case "off": return .init("isolation", .warn, detail, hint: "fine for a single-tenant host; set network_isolation = true otherwise")
        default: return .init("isolation", .fail, detail, hint: "clawd needs iptables and root to fence tenant networks")
        }
    }

    /// `512 B`, `1.5 KiB`, `3.2 MiB`, `1.0 GiB`.
    public static func bytes(_ n: Int64) -> String {
        if n < 1024 { return "\(n) B" }
        if n < 1 << 20 { return String(format: "%.1f KiB", Double(n) / 1024) }
        if n < 1 << 30 { return String(format: "%.1f MiB", Double(n) / 1_048_576) }
        return String(format: "%.1f GiB", Double(n) / 1_073_741_824)
    }
}
