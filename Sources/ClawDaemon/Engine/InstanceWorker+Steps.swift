import ClawCore
import Foundation

extension InstanceWorker {
    /// Executes `plan` in order and returns what the runtime looks like afterwards, or nil when
    /// the worker must look again (a wake arrived: a newer intent or a runtime event).
    func execute(_ plan: [RuntimeAction], _ instance: Instance, _ start: Observation) async throws -> Observation? {
        var seen = start
        var freshVolume = false
        for (index, action) in plan.enumerated() {
            if engine.isStopping { return nil }
            if index > 0, engine.pool.consumeDirty(id) { return nil }
            let rest = plan[(index + 1)...]
            switch action {
            case .markProvisioning:
                // nil: the row changed meanwhile (e.g. deleted); plan again from the same observation.
                guard try await engine.instances.report(.provisioningStarted, instanceID: id) != nil else { return seen }

            case .createVolume:
                try await engine.runtime.createVolume(
                    name: volumeName, labels: InstanceContainerSpec.labels(id, config: engine.config), for: instance)
                seen.volumeExists = true
                freshVolume = !start.volumeExists
                engine.crash.reach(.afterVolume, instance: id)

            case .createContainer(let generation):
                await backupBeforeRebuild(instance, volumeExists: seen.volumeExists)
                // A volume created just now holds no stale secrets file: nothing to write without a config.
                if instance.hasIMConfig || !freshVolume {
                    try await engine.runtime.deliverSecrets(try engine.store.imConfig(instanceID: id), for: instance)
                }
                var spec = InstanceContainerSpec.make(instance, config: engine.config)
                spec.labels[RuntimeNames.generationLabel] = String(generation)
                if let networks = engine.networks { spec.network = try await networks.ensureOrg(instance.orgID) }
                _ = try await engine.runtime.createContainer(spec, for: instance)
                seen.container = ObservedContainer(state: .created, generation: generation, createdAt: .now())
                engine.crash.reach(.afterContainerCreated, instance: id)

            case .startContainer:
                try await engine.runtime.startContainer(containerName)
                engine.supervisor.started(id)
                engine.crash.reach(.afterContainerStarted, instance: id)
                seen.container = try await verifyRunning()
                if instance.status == .running { engine.probe(id, initial: true) }

            case .stopContainer:
                engine.supervisor.stopping(id, generation: seen.container?.generation)
                try await engine.runtime.stopContainer(containerName, timeoutSeconds: engine.config.stopTimeoutSeconds)
                seen.container?.state = .exited

            case .removeContainer:
                if seen.container?.isUp == true { engine.supervisor.stopping(id, generation: seen.container?.generation) }
                let replaced = rest.contains(where: { if case .createContainer = $0 { return true } else { return false } })
                // A new generation follows: keep the old one's logs readable after its removal.
                if replaced { await engine.archiveLogs(id, generation: seen.container?.generation) }
                try await engine.runtime.removeContainer(containerName, force: true)
                seen.container = nil
                if replaced {
                    engine.crash.reach(.midRebuild, instance: id)
                }
                if rest.contains(.removeVolume) { engine.crash.reach(.midDelete, instance: id) }

            case .removeVolume:
                await backupBeforeVolumeRemoval(instance)
                try await engine.runtime.removeVolume(name: volumeName)
                seen.volumeExists = false
                engine.logArchive?.remove(instanceID: id)

            case .markRunning:
                if try await engine.instances.report(.provisioned, instanceID: id) != nil {
                    engine.logger.info("instance running", metadata: ["instance": "\(id)"])
                    engine.probe(id, initial: true)
                }
            }
        }
        return seen
    }

    /// `start` returned: the container must be running now. One that exited at once is a failed
    /// step (with its exit code), not a state to start again and again.
    func verifyRunning() async throws -> ObservedContainer {
        guard let info = try await engine.runtime.inspectContainer(containerName) else {
            throw ClawError(.runtime, "container \(containerName) vanished right after start")
        }
        let observed = ObservedContainer(info, generationLabel: RuntimeNames.generationLabel)
        guard info.state == .running else {
            let code = info.exitCode.map { " with exit code \($0)" } ?? ""
            throw ClawError(.runtime, "container \(containerName) is \(info.state.rawValue)\(code) right after start")
        }
        engine.supervisor.noteRunning(id, generation: observed.generation)
        return observed
    }
}
