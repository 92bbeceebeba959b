import ClawWire

extension ClawctlCommand.Doctor {
    /// Tenant network isolation as the daemon reports it: on is ok, off a warning (every tenant
    /// shares one network), an error a failure; nil from a daemon that does not report it.
    static func isolationCheck(_ runtime: [String: String]) -> DoctorCheck? {
        guard let state = runtime["isolation"] else { return nil }
        let detail = runtime["isolationDetail"] ?? ""
        switch state {
        case "on": return .init("isolation", .ok, detail)
        case "off": return .init("isolation", .warn, detail, hint: "fine for a single-tenant host; set network_isolation = true otherwise")
        default: return .init("isolation", .fail, detail, hint: "clawd needs iptables and root to fence tenant networks")
        }
    }
}
