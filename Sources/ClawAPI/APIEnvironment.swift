import ClawCore
import ClawServices
import ClawStore
import Prometheus

/// Which listener a router serves: the TCP port (API keys) or the Unix socket (host admin).
public enum Listener: String, Sendable {
    case tcp
    case adminSocket
}

/// What the routes need from the daemon.
public struct APIEnvironment: Sendable {
    public var store: Store
    public var registry: PrometheusCollectorRegistry
    public var version: String
    public var health: @Sendable () async -> HealthReport
    public var maxBodyBytes: Int
    public var status: @Sendable () async -> AdminStatus
    /// Every instance change goes through here (intent first, one transaction).
    public var instances: InstanceService
    /// Committed changes, for SSE and the wait endpoints.
    public var feed: ChangeFeed
    /// Builds an instance's `url` from the configured template.
    public var urlTemplate: String
    /// Runs a full reconcile now (`POST /admin/reconcile`); answers what it changed.
    public var reconcile: @Sendable () async throws -> [String: Int]
    /// How often an idle `/v1/events` stream sends a comment (keeps proxies open and finds
    /// disconnected clients).
    public var eventHeartbeat: Duration = .seconds(15)
    /// The NanoClaw container API (`/api/v1/container/*`); nil answers 503.
    public var container: (any ContainerBackend)?
    /// Requests per API key per window, for every dialect; nil: no limit.
    public var rateLimiter: RateLimiter?
    /// Credit packages of `GET /api/v1/billing/packages` (`claw_packages`).
    public var clawPackages: [ClawPackage] = ClawPackage.defaults
    /// Backups and the `backup` add-on (`/api/v1/backups`, `/api/v1/addons`); nil answers 503.
    public var backups: BackupService?
    /// Instance logs (`GET /v1/claw/instances/<id>/logs`); nil answers 503.
    public var logs: InstanceLogSource?
    /// The container API's agent runs: groups, runs, queue, schedules, audit; nil answers 503.
    public var containerRuns: ContainerRunsAPI?
    /// Orgs whose keys may change the container API's host-wide controls (queue cap, mount
    /// allowlist, credential proxy); the admin socket always may (`container_operator_orgs`).
    public var containerOperatorOrgs: Set<String> = []
    /// Channels (`/api/v1/channels/*`): connections, chats, messages; nil answers 503.
    public var channels: (any ChannelBackend)?
    /// Where browsers reach the TCP listener (`http://127.0.0.1:55765`): the base of the console's
    /// one-time admin login links.
    public var consoleBaseURL = "http://127.0.0.1:55765"
    /// Rendered `GET /v1/claw/instances` bodies, reused while the org's instances are unchanged.
    public var instanceListCache = InstanceListCache()
    /// Serializes requests that carry the same `Idempotency-Key` of one org, across both listeners.
    public var idempotencyLocks = KeyedLocks()

    public init(store: Store, registry: PrometheusCollectorRegistry, version: String,
                maxBodyBytes: Int, instances: InstanceService, feed: ChangeFeed, urlTemplate: String,
                health: @escaping @Sendable () async -> HealthReport,
                status: @escaping @Sendable () async -> AdminStatus,
                reconcile: @escaping @Sendable () async throws -> [String: Int]) {
        self.instances = instances
        self.feed = feed
        self.urlTemplate = urlTemplate
        self.reconcile = reconcile
        self.store = store
        self.registry = registry
        self.version = version
        self.maxBodyBytes = maxBodyBytes
        self.health = health
        self.status = status
    }
}

/// The daemon's view of its dependencies, for health endpoints and the watchdog.
public struct HealthReport: Sendable, Equatable {
    public struct Check: Sendable, Equatable, Encodable {
        public var ok: Bool
        public var detail: String
        public init(ok: Bool, detail: String) {
            self.ok = ok
            self.detail = detail
        }
    }

    public var checks: [String: Check]
    public init(checks: [String: Check]) { self.checks = checks }
    public var ok: Bool { checks.values.allSatisfy(\.ok) }
}
