import ClawCore
import Foundation
import Logging

/// What one full reconcile pass found and did.
public struct ReconcileReport: Sendable, Equatable {
    public var containers = 0
    public var volumes = 0
    /// Instances whose worker was woken (their runtime differs from their intent, or an
    /// operation is open).
    public var woken = 0
    public var orphansRemoved = 0
    /// Orphans still inside the grace period.
    public var orphansWaiting = 0

    public var counts: [String: Int] {
        ["woken": woken, "orphansRemoved": orphansRemoved, "orphansWaiting": orphansWaiting,
         "containers": containers, "volumes": volumes]
    }
}

extension Engine {
    /// One full pass (boot, every resync interval, after the event stream restarts, and
    /// `POST /admin/reconcile`): ONE list call for containers and one for volumes, carrying this
    /// install's label; wake every instance whose runtime differs from its intent or that has an
    /// open operation; remove orphans past the grace. `probe`: also probe running instances.
    public func reconcile(probe: Bool) async throws -> ReconcileReport {
        // Firewall rules flushed by another tool come back within one resync.
        await networks?.restore(logLevel: .debug)
        let containers = try await runtime.listContainers(labels: installLabels)
        let volumes = try await runtime.listVolumes(labels: installLabels)
        // Rows are read after listing: a container listed above was created after its row committed.
        let rows = try await store.instancesToConverge()
        let known = try await store.allInstanceIDs()
        let open = await Set(try store.instancesWithOpenOperations())
        var report = ReconcileReport(containers: containers.count, volumes: volumes.count)

        var byInstance: [String: ContainerInfo] = [:]
        for c in containers {
            guard let id = c.labels[RuntimeNames.instanceLabel], c.name == RuntimeNames.container(id) else { continue }
            byInstance[id] = c
        }
        let volumeOwners = Set(volumes.compactMap { v -> String? in
            guard let id = v.labels[RuntimeNames.instanceLabel], v.name == RuntimeNames.volume(id) else { return nil }
            return id
        })
        var toWake = open
        var converging = Set<String>()
        let now = Timestamp.now()
        for instance in rows {
            converging.insert(instance.id)
            let observed = byInstance[instance.id].map { ObservedContainer($0, generationLabel: RuntimeNames.generationLabel) }
            let plan = Planner.plan(instance: instance, observed: observed,
                                    volumeExists: volumeOwners.contains(instance.id), now: now)
            if !plan.isEmpty || (instance.status == .running && observed?.state != .running) {
                toWake.insert(instance.id)
            } else if instance.status == .running, observed?.state == .running {
                supervisor.listedRunning(instance.id, generation: observed?.generation)
                if probe || instance.healthStatus != .healthy { self.probe(instance.id, initial: instance.healthStatus != .healthy) }
            }
        }
        // Terminal rows too old for `instancesToConverge` whose objects still exist.
        for id in byInstance.keys where known.contains(id) && !converging.contains(id) { toWake.insert(id) }
        for id in volumeOwners where known.contains(id) && !converging.contains(id) { toWake.insert(id) }
        for id in toWake.sorted() { wake(id) }
        report.woken = toWake.count

        try await removeOrphans(containers: containers, volumes: volumes, known: known, now: now, report: &report)
        let inUse = Set(rows.filter { !$0.status.isTerminal || byInstance[$0.id] != nil }.map(\.orgID))
        try await removeOrphanNetworks(orgsInUse: inUse, now: now, report: &report)
        return report
    }

    /// Objects with this install's label whose instance has no row (or no instance label at all),
    /// once older than the grace period. Objects without our install label are never listed here.
    func removeOrphans(containers: [ContainerInfo], volumes: [VolumeInfo], known: Set<String>, now: Timestamp,
                       report: inout ReconcileReport) async throws {
        let grace = Int64(config.orphanGraceSeconds) * 1000
        var removedContainerOwners = Set<String>()
        for c in containers where c.labels[RuntimeNames.installLabel] == config.installID {
            let owner = c.labels[RuntimeNames.instanceLabel]
            guard owner.map({ !known.contains($0) }) ?? true else { continue }
            guard now.millis - Timestamp(c.createdAt).millis >= grace else {
                report.orphansWaiting += 1
                continue
            }
            logger.notice("removing orphan container", metadata: ["container": "\(c.name)", "instance": "\(owner ?? "-")"])
            try await runtime.removeContainer(c.id, force: true)
            removedContainerOwners.insert(owner ?? "")
            report.orphansRemoved += 1
        }
        for v in volumes where v.labels[RuntimeNames.installLabel] == config.installID {
            let owner = v.labels[RuntimeNames.instanceLabel]
            guard owner.map({ !known.contains($0) }) ?? true else { continue }
            let created = v.createdAt.map(Timestamp.init) ?? firstSeen(volume: v.name, now: now)
            guard now.millis - created.millis >= grace else {
                report.orphansWaiting += 1
                continue
            }
            logger.notice("removing orphan volume", metadata: ["volume": "\(v.name)", "instance": "\(owner ?? "-")"])
            do {
                try await runtime.removeVolume(name: v.name)
                report.orphansRemoved += 1
            } catch {
                // Still mounted by a container we must not touch (or one removed just now): next pass.
                logger.warning("cannot remove orphan volume", metadata: ["volume": "\(v.name)", "error": "\(error)"])
            }
        }
    }

    /// A volume (or network) whose engine reports no creation time ages from when clawd first saw it.
    func firstSeen(volume: String, now: Timestamp) -> Timestamp {
        orphanFirstSeen.withLock { seen in
            if let t = seen[volume] { return t }
            seen[volume] = now
            return now
        }
    }

    /// The full pass every resync interval: never a faster loop.
    func resyncLoop() async {
        while !isStopping {
            do { try await Task.sleep(for: config.resync) } catch { return }
            await reconcileLogged(probe: true, reason: "resync")
        }
    }

    func reconcileLogged(probe: Bool, reason: String) async {
        do {
            let report = try await reconcile(probe: probe)
            let level: Logger.Level = report.woken + report.orphansRemoved > 0 ? .info : .debug
            logger.log(level: level, "reconciled", metadata: [
                "reason": "\(reason)", "woken": "\(report.woken)", "orphans_removed": "\(report.orphansRemoved)",
                "containers": "\(report.containers)",
            ])
        } catch {
            logger.error("reconcile failed", metadata: ["reason": "\(reason)", "error": "\(error)"])
        }
    }
}
