import ClawCore
import Logging

/// Every setting of the daemon, with its default. Loaded by `SettingsLoader` from the config
/// file, then `CLAWD_<KEY>` environment variables, then `clawd serve` flags (later wins).
public struct Settings: Sendable, Equatable {
    /// Where instances run: a local engine (`auto`: podman, else docker) or a Kubernetes cluster.
    public enum RuntimeMode: String, Sendable, CaseIterable { case auto, podman, docker, kubernetes }

    public var configPath: String?
    public var listenHost = "127.0.0.1"
    public var listenPort = 55765
    public var socketPath = "/run/clawd/clawd.sock"
    public var dataDir = "/var/lib/clawd"
    public var runtime = RuntimeMode.auto
    public var runtimeBinary: String?
    /// How long one runtime CLI call may take before it is killed and counts as failed (calls
    /// with a timeout of their own, e.g. stopping a container, keep theirs).
    public var runtimeCallTimeoutSeconds = 60
    public var image = "localhost/clawd-demo:latest"
    public var installID: String?
    public var periodSeconds: Int64 = 30 * 86_400
    public var retentionSeconds: Int64 = 7 * 86_400
    public var logLevel = Logger.Level.info
    public var instancePort = 18789
    public var stateDir = "/home/node/.openclaw"
    public var hostPortRange = 20000...29999
    public var stopTimeoutSeconds = 10
    public var urlTemplate = "http://127.0.0.1:{hostPort}"
    public var rebuildsPerDay = 10
    public var priceBudgetCents: Int64 = 1000
    public var priceBalancedCents: Int64 = 2000
    public var priceProCents: Int64 = 3500
    public var resyncSeconds = 60
    public var orphanGraceSeconds = 300
    public var shutdownTimeoutSeconds = 10
    public var maxBodyBytes = 1 << 20
    /// Requests per API key per window, every dialect; 0 turns the limit off.
    public var rateLimitRequests = 100
    public var rateLimitWindowSeconds = 60
    /// Credit packages of `GET /api/v1/billing/packages`.
    public var clawPackages = ClawPackage.defaults
    /// On the first start with an empty database: create org `demo`, credit $100, print a key.
    public var demo = false
    /// Backups and the `backup` add-on (`backup_*` keys).
    public var backup = BackupSettings()

    /// Container API: the credential proxy's port, its bind address (`auto`: the runtime's
    /// bridge gateway, reachable from containers only), and whether it starts with the daemon.
    public var credentialProxyPort = 3001
    public var credentialProxyBind = "auto"
    public var credentialProxyAutostart = true
    /// The mount allowlist file; nil: `mount-allowlist.json` beside the config file.
    public var mountAllowlistPath: String?
    /// Orgs whose API keys may change the container API's host-wide controls (queue cap, mount
    /// allowlist, credential proxy); empty: only the admin socket may.
    public var containerOperatorOrgs: [String] = []
    /// The agent image of container runs, its build context, and the busybox added to it.
    public var agentImage = "clawd-agent-runner:latest"
    public var agentImageContext = "/usr/share/clawd/agent-image"
    public var agentImageBusybox = "/bin/busybox"
    /// `network_isolation`, `credential_proxy_allow_tokenless` (see `NetworkSettings`).
    public var network = NetworkSettings()

    public init() {}

    /// `host:port` as configured.
    public var listen: String { "\(listenHost):\(listenPort)" }
    /// `console_url`: where browsers reach the listener (behind a proxy, its URL); empty: the listen address.
    public var consoleURL = ""
    /// The base of the console's links.
    public var consoleBaseURL: String {
        if !consoleURL.isEmpty { return consoleURL }
        let host = listenHost.contains(":") ? "[\(listenHost)]" : listenHost
        return "http://\(host):\(listenPort)"
    }
    /// The container API's agent-run queue and schedules (`container_*` keys).
    public var containerRuns = ContainerRunSettings()
    /// Instance volume measurements and per-tier disk limits (`disk_*` keys).
    public var diskUsage = DiskUsageSettings()
    /// Channels: the platforms' base URLs and the default trigger (`*_api_base`, `channels_*`).
    public var channels = ChannelSettings()
    /// The cluster of `runtime: kubernetes` (`kubernetes_*`, `kubeconfig` keys).
    public var kubernetes = KubernetesSettings()
    public var databasePath: String { dataDir + "/clawd.sqlite" }
}
