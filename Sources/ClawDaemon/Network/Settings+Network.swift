import ClawCore
import ClawRuntime

extension Settings {
    /// The networks and firewall of `network_isolation`; nil when it is off.
    func tenantNetworks(runtime: any ContainerRuntime, installID: String) -> TenantNetworks? {
        guard networkIsolation else { return nil }
        return TenantNetworks(runtime: runtime, installID: installID, firewall: IPTablesFirewall(),
                              proxyPort: credentialProxyPort)
    }
}

extension ContainerHub {
    /// `on`/`off`/`error` and a sentence, for `/admin/status` and `clawctl doctor`.
    func isolationStatus() async -> (String, String) {
        guard let networks else {
            return ("off", "network_isolation is off: every container shares the runtime's default network")
        }
        let status = await networks.status
        return status.ok ? ("on", status.detail) : ("error", status.detail)
    }
}
