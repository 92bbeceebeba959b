import ClawWire
import Foundation
import Hummingbird

/// The OpenAPI 3.1 document of every route (`GET /openapi.json`), from one table of routes and
/// one of their wire models (`OpenAPI.models`); tests compare the table with the routers and every
/// answer with the document, so a route or a field cannot be added or dropped silently.
public enum OpenAPI {
    public struct Route: Sendable, Hashable {
        public var method: String
        /// Hummingbird's rendering of the path, which is already OpenAPI's (`/v1/claw/instances/{id}`).
        public var path: String
        public var summary: String
        /// Served on the admin Unix socket only (404 on TCP).
        public var socketOnly = false
        /// Served without an API key.
        public var isPublic = false
        public var success = "200"
        /// Integer query parameters the route reads.
        public var integerQuery: [String] = []
    }

    static func r(_ method: String, _ path: String, _ summary: String, success: String = "200",
                  socketOnly: Bool = false, isPublic: Bool = false, integerQuery: [String] = []) -> Route {
        Route(method: method, path: path, summary: summary, socketOnly: socketOnly, isPublic: isPublic, success: success,
              integerQuery: integerQuery)
    }

    public static let routes: [Route] = [
        r("GET", "/v1/claw/health", "Claw health (no auth)", isPublic: true),
        r("GET", "/api/v1/health", "ClawHosters health (no auth)", isPublic: true),
        r("GET", "/api/v1/account", "ClawHosters: the key's org"),
        r("GET", "/api/v1/instances", "ClawHosters: the org's instances by integer id (?page=, ?per_page= <= 100)",
          integerQuery: ["page", "per_page"]),
        r("GET", "/api/v1/instances/{id}", "ClawHosters: one instance with can_start/can_stop/can_restart; ip_address from the runtime"),
        r("POST", "/api/v1/instances/{id}/start", "ClawHosters: start a stopped instance (422 unless can_start); operation_id + Location"),
        r("POST", "/api/v1/instances/{id}/stop", "ClawHosters: stop a running instance (422 unless can_stop); operation_id + Location"),
        r("POST", "/api/v1/instances/{id}/restart", "ClawHosters: restart a running instance (422 unless can_restart); operation_id + Location"),
        r("DELETE", "/api/v1/instances/{id}", "ClawHosters: delete an instance (status deleting, then gone); operation_id + Location"),
        r("GET", "/api/v1/billing/summary", "ClawHosters: balance in Claws, daily cost, days remaining"),
        r("GET", "/api/v1/billing/usage", "ClawHosters: daily Claws per instance"),
        r("GET", "/api/v1/billing/transactions", "ClawHosters: the org's ledger, newest first (?page=, ?per_page= <= 100)",
          integerQuery: ["page", "per_page"]),
        r("GET", "/api/v1/billing/packages", "ClawHosters: the configured Claw packages"),
        r("POST", "/api/v1/billing/buy_claws", "ClawHosters: request a package (pending until the admin approves)", success: "201"),
        r("GET", "/admin/purchases", "buy_claws requests (?status=pending|approved|rejected|all)", socketOnly: true),
        r("POST", "/admin/console/link", "A one-time link opening a host-admin web console session (5 minutes)",
          success: "201", socketOnly: true),
        r("POST", "/admin/purchases/{id}/approve", "Approve a purchase: credit its Claws", socketOnly: true),
        r("POST", "/admin/purchases/{id}/reject", "Reject a purchase", socketOnly: true),
        r("GET", "/api/v1/backups", "ClawHosters: the org's backups, newest first (?page=, ?per_page= <= 100)",
          integerQuery: ["page", "per_page"]),
        r("GET", "/api/v1/backups/{id}", "ClawHosters: one backup"),
        r("POST", "/api/v1/backups/{id}/restore",
          "ClawHosters: restore the volume from a backup (checksum first; stop, replace, start if it ran)", success: "202"),
        r("GET", "/api/v1/instances/{id}/backups", "ClawHosters: one instance's backups, newest first",
          integerQuery: ["page", "per_page"]),
        r("POST", "/api/v1/instances/{id}/backups", "ClawHosters: take a manual backup (pending, then completed; Location: the backup)",
          success: "201"),
        r("GET", "/api/v1/addons", "ClawHosters: the backup add-on of each instance", integerQuery: ["page", "per_page"]),
        r("GET", "/api/v1/addons/{id}", "ClawHosters: one instance's backup add-on"),
        r("PATCH", "/api/v1/addons/{id}", "ClawHosters: change enabled, schedule (cron, UTC) or retention_days"),
        r("GET", "/api/v1/container/namespaces", "Container API: the groups (namespaces)"),
        r("POST", "/api/v1/container/namespaces", "Container API: create a group with its directories", success: "201"),
        r("POST", "/api/v1/container/namespaces/merge-instructions", "Container API: global + group instructions"),
        r("GET", "/api/v1/container/namespaces/{name}", "Container API: one group"),
        r("PUT", "/api/v1/container/namespaces/{name}", "Container API: replace a group's description / chatJids / containerConfig"),
        r("DELETE", "/api/v1/container/namespaces/{name}", "Container API: delete a group (409 while a run is active)",
          success: "204"),
        r("GET", "/api/v1/container/namespaces/{name}/instructions", "Container API: a group's (or global) instructions"),
        r("PUT", "/api/v1/container/namespaces/{name}/instructions", "Container API: write instructions atomically"),
        r("GET", "/api/v1/container/queue/groups", "Container API: queue state of every group with work"),
        r("GET", "/api/v1/container/queue/groups/{group}", "Container API: one group's queue state"),
        r("GET", "/api/v1/container/queue/counts", "Container API: active, waiting, pending runs, maxConcurrent"),
        r("GET", "/api/v1/container/queue/max-concurrent", "Container API: the host's run cap"),
        r("PUT", "/api/v1/container/queue/max-concurrent", "Container API: change the cap (lowering stops nothing)"),
        r("POST", "/api/v1/container/runs", "Container API: queue an agent run (the run is an operation: operationId + Location)", success: "202"),
        r("GET", "/api/v1/container/runs/{id}", "Container API: one agent run"),
        r("GET", "/api/v1/container/schedules", "Container API: the schedules"),
        r("POST", "/api/v1/container/schedules", "Container API: create a cron/interval/once schedule (422: bad schedule)",
          success: "201"),
        r("GET", "/api/v1/container/schedules/{id}", "Container API: one schedule"),
        r("PUT", "/api/v1/container/schedules/{id}", "Container API: partial update (enabled:false pauses)"),
        r("DELETE", "/api/v1/container/schedules/{id}", "Container API: delete a schedule", success: "204"),
        r("GET", "/api/v1/container/schedules/{id}/logs", "Container API: a schedule's runs, newest first (?limit=)",
          integerQuery: ["limit"]),
        r("GET", "/api/v1/container/audit-log", "Container API: audit entries, newest first (?since=, ?limit=)",
          integerQuery: ["limit"]),
        r("GET", "/api/v1/container/run-history", "Container API: runs, newest first (?group=, ?limit=)",
          integerQuery: ["limit"]),
        r("GET", "/api/v1/container/metrics", "Container API: runs, queue, instances, agent container CPU/memory now"),
        r("GET", "/api/v1/container/analytics", "Container API: per-day runs, outcomes, p50/p95 durations by group (?days=)",
          integerQuery: ["days"]),
        r("GET", "/api/v1/container/runtime", "Container API: detected runtime, version, host gateway, extra run args"),
        r("POST", "/api/v1/container/image/build", "Container API: build the agent image (202; output kept; the build is an operation: operationId + Location)", success: "202"),
        r("GET", "/api/v1/container/image/builds/{buildId}", "Container API: one image build (?wait=true blocks)"),
        r("GET", "/api/v1/container/image/status", "Container API: does the agent image exist (?imageTag=)"),
        r("POST", "/api/v1/container/mount/validate", "Container API: check one mount against the allowlist"),
        r("GET", "/api/v1/container/mount/allowlist", "Container API: the mount allowlist"),
        r("PUT", "/api/v1/container/mount/allowlist", "Container API: replace the mount allowlist (validated, atomic)"),
        r("GET", "/api/v1/container/credential-proxy/status", "Container API: credential proxy status (never credentials)"),
        r("POST", "/api/v1/container/credential-proxy/start", "Container API: start the credential proxy"),
        r("POST", "/api/v1/container/credential-proxy/stop", "Container API: stop the credential proxy"),
        r("PUT", "/api/v1/container/credential-proxy/port", "Container API: set the proxy port (restarts it if running)"),
        r("POST", "/api/v1/container/credential-proxy/mappings", "Container API: add a credential mapping", success: "201"),
        r("DELETE", "/api/v1/container/credential-proxy/mappings/{id}", "Container API: delete a credential mapping",
          success: "204"),
        r("POST", "/api/v1/container/ipc/directories", "Container API: create a group's IPC directories"),
        r("POST", "/api/v1/container/ipc/follow-up", "Container API: write a follow-up message (409 without an active run)"),
        r("POST", "/api/v1/container/ipc/close", "Container API: write _close for a group's run"),
        r("GET", "/metrics", "Prometheus metrics: requests, timers and business series (instances, runs, balance, operations, channels)", isPublic: true),
        r("GET", "/openapi.json", "This document", isPublic: true),
        r("GET", "/v1/claw/instances", "List the org's instances, newest first"),
        r("POST", "/v1/claw/instances", "Create and pay for an instance (imConfig: any JSON object; image: admin socket only, 403 from an org key)", success: "201"),
        r("GET", "/v1/claw/instances/{id}", "Get an instance"),
        r("PATCH", "/v1/claw/instances/{id}", "Update defaultModel and/or imConfig (any JSON object, never returned)"),
        r("DELETE", "/v1/claw/instances/{id}", "Delete an instance (container and volume removed)"),
        r("POST", "/v1/claw/instances/{id}/rebuild", "Recreate the container on the same volume", success: "202"),
        r("POST", "/v1/claw/instances/{id}/renew", "Pay for one more period"),
        r("POST", "/v1/claw/instances/{id}/start", "Start a stopped instance", success: "202"),
        r("POST", "/v1/claw/instances/{id}/stop", "Stop a running instance", success: "202"),
        r("POST", "/v1/claw/instances/{id}/restart", "Restart a running instance", success: "202"),
        r("GET", "/v1/claw/instances/{id}/wait", "Wait (<= 60 s) until the instance has ?status="),
        r("GET", "/v1/claw/instances/{id}/logs",
          "Container logs as text (?tail=N; ?follow=true streams chunked; ?previous=true: the generation a rebuild replaced)",
          integerQuery: ["tail"]),
        r("GET", "/v1/claw/ledger", "The org's ledger, newest first (?limit= <= 100, default 50; ?before=<id>)",
          integerQuery: ["limit", "before"]),
        r("GET", "/v1/operations/{id}", "Get an operation"),
        r("GET", "/v1/operations/{id}/wait", "Wait (<= 60 s) until the operation finishes"),
        r("GET", "/v1/events", "Server-Sent Events of the org (instances, runs, ledger, channels), replayed from Last-Event-ID"),
        r("POST", "/admin/orgs", "Create an org", success: "201", socketOnly: true),
        r("GET", "/admin/orgs", "List orgs", socketOnly: true),
        r("GET", "/admin/orgs/{org}", "Get an org", socketOnly: true),
        r("POST", "/admin/orgs/{org}/credit", "Credit an org's balance", socketOnly: true),
        r("POST", "/admin/orgs/{org}/keys", "Create an API key (shown once; prefix [a-z0-9_], e.g. oc_live_)", success: "201", socketOnly: true),
        r("GET", "/admin/orgs/{org}/keys", "List an org's API keys", socketOnly: true),
        r("DELETE", "/admin/orgs/{org}/keys/{key}", "Revoke an API key", success: "204", socketOnly: true),
        r("GET", "/admin/status", "Daemon status", socketOnly: true),
        r("GET", "/api/v1/channels", "Channels: every platform's connection of the org"),
        r("GET", "/api/v1/channels/{name}", "Channels: one platform's connection"),
        r("POST", "/api/v1/channels/messages", "Channels: send a text to a chat (outbox)", success: "202"),
        r("GET", "/api/v1/channels/chats", "Channels: chats seen, with their group"),
        r("GET", "/api/v1/channels/chats/{jid}/messages", "Channels: a chat's stored messages (limit, before)"),
        r("GET", "/api/v1/channels/sender-allowlist", "Channels: the sender allowlist"),
        r("PUT", "/api/v1/channels/sender-allowlist", "Channels: replace the sender allowlist"),
        r("POST", "/api/v1/channels/{name}/connect", "Channels: connect a platform (422: credentials refused)"),
        r("POST", "/api/v1/channels/{name}/disconnect", "Channels: disconnect a platform"),
        r("POST", "/api/v1/channels/{name}/validate", "Channels: check credentials with the platform, storing nothing"),
        r("GET", "/api/v1/channels/whatsapp/webhook", "Channels: Meta's webhook verification (no API key)"),
        r("POST", "/api/v1/channels/whatsapp/webhook", "Channels: signed WhatsApp deliveries (no API key)"),
        r("POST", "/admin/reconcile", "Run a full reconcile now", socketOnly: true),
    ]

    /// The document as JSON bytes.
    public static let document: Data = (try? build()) ?? Data("{}".utf8)

    /// The document, or why it cannot be written (a route without models, a model the recorder cannot walk).
    public static func build() throws -> Data {
        try Wire.encode(OpenAPIDocument(routes: routes, models: models))
    }

    /// A route of the table without an entry in `models`.
    public struct Incomplete: Error, CustomStringConvertible {
        public var route: String
        public var description: String { "no models for \(route)" }
    }
}

extension RouterBuilding {
    static func addOpenAPIRoute(_ router: Router<APIContext>) {
        router.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: OpenAPI.document)))
        }
    }
}
