import ClawCore
import ClawServices
import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// Measures every instance volume once per `disk_usage_interval_seconds`, off the request path:
/// one `volume inspect` and a walk of its files per instance, one after another. Each size is
/// stored (`diskBytes` in the API), exported as `clawd_instance_disk_bytes{instance,org}`, and
/// checked against the tier's limit by `InstanceService.recordDiskUsage`, which stops an
/// instance over it (`quota`).
public final class DiskUsageSampler: Service, Sendable {
    let runtime: any ContainerRuntime
    let instances: InstanceService
    let settings: DiskUsageSettings
    let logger = Logger(label: "clawd.disk")
    /// The gauge of every instance measured, by id (dropped when the instance no longer has a volume).
    private let gauges = Mutex<[String: Gauge]>([:])

    public init(runtime: any ContainerRuntime, instances: InstanceService, settings: DiskUsageSettings) {
        self.runtime = runtime
        self.instances = instances
        self.settings = settings
    }

    /// The first round comes one interval after start, so boot's own runtime calls go first.
    public func run() async {
        await cancelWhenGracefulShutdown {
            while true {
                do { try await Task.sleep(for: .seconds(self.settings.intervalSeconds)) } catch { return }
                await self.sample()
            }
        }
    }

    /// One round over every instance that may have a volume. A volume that cannot be measured
    /// is logged and skipped; the next round tries again.
    public func sample() async {
        let list: [Instance]
        do {
            list = try await instances.store.instancesWithVolumes()
        } catch {
            logger.warning("cannot list instances to measure", metadata: ["error": "\(error)"])
            return
        }
        var measured: Set<String> = []
        for instance in list {
            guard !Task.isCancelled else { return }
            do {
                guard let bytes = try await runtime.volumeDiskUsage(name: RuntimeNames.volume(instance.id)) else { continue }
                let stored = try await instances.recordDiskUsage(instanceID: instance.id, bytes: bytes, limits: settings.limits)
                measured.insert(instance.id)
                gauge(instance).record(bytes)
                if stored?.stopReason == .quota, instance.status == .running {
                    logger.notice("instance over its disk limit: stopped", metadata: [
                        "instance": "\(instance.id)", "bytes": "\(bytes)",
                        "limit": "\(settings.limits.limitBytes(instance.tier) ?? 0)",
                    ])
                }
            } catch {
                logger.warning("cannot measure the volume", metadata: ["instance": "\(instance.id)", "error": "\(error)"])
                measured.insert(instance.id)  // still there: keep its last value
            }
        }
        let gone = gauges.withLock { g in
            let ids = Set(g.keys).subtracting(measured)
            return ids.compactMap { g.removeValue(forKey: $0) }
        }
        for gauge in gone { gauge.destroy() }
    }

    private func gauge(_ instance: Instance) -> Gauge {
        gauges.withLock { g in
            if let existing = g[instance.id] { return existing }
            let made = Gauge(label: "clawd_instance_disk_bytes", dimensions: [("instance", instance.id), ("org", instance.orgID)])
            g[instance.id] = made
            return made
        }
    }
}
