import ClawAPI
import ClawCore
import ClawStore
import Foundation

extension Daemon.Parts {
    /// What the routers of both listeners are given.
    func environment() -> APIEnvironment {
        let store = core.store, monitor = self.monitor, runtime = self.runtime, settings = self.settings
        let instanceRuntime = self.instanceRuntime, instanceBackend = self.instanceBackend
        let started = self.started, deadlines = core.deadlines, engine = core.engine, boot = self.boot, hub = self.hub
        var env = APIEnvironment(
            store: store, registry: Observability.registry, version: ClawVersion.current,
            maxBodyBytes: settings.maxBodyBytes, instances: core.instances, feed: core.feed, urlTemplate: settings.urlTemplate,
            health: { await HealthReport(checks: ["database": Daemon.databaseCheck(store), "runtime": monitor.check]) },
            status: {
                let check = await monitor.check
                var status = AdminStatus(
                    version: ClawVersion.current,
                    uptimeSeconds: (ContinuousClock.now - started).components.seconds,
                    runtime: ["backend": instanceBackend, "ok": "\(check.ok)", "detail": check.detail],
                    database: ["path": store.path, "sizeBytes": "\(store.sizeBytes)"],
                    instancesByStatus: (try? await store.countByStatus()) ?? [:], timersArmed: deadlines.lifecycleCount)
                let image = settings.image
                let present = try? await runtime?.imageExists(image)
                status.runtime["image"] = image
                status.runtime["imagePresent"] = present.map { "\($0)" } ?? "unknown"
                (status.runtime["isolation"], status.runtime["isolationDetail"]) = await hub.isolationStatus()
                status.nextDeadline = deadlines.nextLifecycle.map {
                    ["at": $0.at.iso8601, "kind": $0.kind, "instanceId": $0.instanceID]
                }
                return status
            },
            reconcile: {
                guard let engine else {
                    throw ClawError(.unavailable, "no container runtime: \(boot.runtimeError ?? "not detected")")
                }
                return try await engine.reconcile(probe: true).counts
            })
        env.rateLimiter = settings.rateLimiter
        env.clawPackages = settings.clawPackages
        env.logs = InstanceLogSource(runtime: instanceRuntime, containerName: RuntimeNames.container,
                                     archive: LogArchive(directory: settings.logArchiveDir))
        env.backups = core.backups
        env.container = hub
        env.containerOperatorOrgs = Set(settings.containerOperatorOrgs)
        env.containerRuns = core.containerRuns?.api
        env.channels = core.channels
        env.consoleBaseURL = settings.consoleBaseURL
        return env
    }
}
