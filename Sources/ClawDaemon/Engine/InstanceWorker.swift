import ClawCore
import Foundation

/// What the worker knows of an instance's runtime objects.
struct Observation: Sendable, Equatable {
    var container: ObservedContainer?
    var volumeExists: Bool
}

/// One run of an instance's worker: load the row, observe, plan, execute the steps one by one,
/// record outcomes, repeat until the plan is empty; then close the instance's open operations.
/// The pool guarantees one run per instance at a time, so runtime steps never interleave.
struct InstanceWorker {
    let engine: Engine
    let id: String
    /// The state the last executed steps left behind, so the next pass need not ask the runtime.
    var known: Observation?
    var containerName: String { RuntimeNames.container(id) }
    var volumeName: String { RuntimeNames.volume(id) }

    init(engine: Engine, id: String) {
        self.engine = engine
        self.id = id
    }

    mutating func run() async {
        var first = true
        while !engine.isStopping {
            // A write that failed comes first; until it commits the row is not to be planned on.
            guard await engine.commitPendingWrites(instanceID: id) else { return }
            let instance: Instance
            do {
                guard let row = try await engine.store.instance(id: id, orgID: nil) else { return }
                instance = row
            } catch {
                engine.logger.error("cannot load instance", metadata: ["instance": "\(id)", "error": "\(error)"])
                engine.wake(id, at: .now + .seconds(5))
                return
            }
            if first {
                first = false
                await begin(instance)
            }
            let observation: Observation
            if let known {
                observation = known
            } else if instance.status == .pending {
                // Nothing was ever created: the worker reports PROVISIONING before its first runtime step.
                observation = Observation(container: nil, volumeExists: false)
            } else {
                do {
                    observation = try await observe()
                } catch {
                    await failed(instance, error)
                    return
                }
            }
            known = nil
            if let restartAt = engine.supervisor.takeDeath(instance, observation.container) {
                engine.logger.warning("container died", metadata: [
                    "instance": "\(id)", "restart_in_ms": "\((restartAt - .now).milliseconds)",
                ])
                await engine.record(.report(.containerDied), instanceID: id)
                known = observation
                continue
            }
            if let c = observation.container, c.state == .running {
                engine.supervisor.noteRunning(id, generation: c.generation)
            }
            let plan = Planner.plan(instance: instance, observed: observation.container,
                                    volumeExists: observation.volumeExists, now: .now())
            if plan.isEmpty {
                if await runBackupJobs(instance, observation) { continue }
                if await converged(instance, observation) { return }
                continue
            }
            if let until = engine.supervisor.holdUntil(instance, plan: plan) {
                engine.wake(id, at: until)
                return
            }
            engine.logger.debug("plan", metadata: ["instance": "\(id)", "actions": "\(plan)"])
            do {
                known = try await execute(plan, instance, observation)
            } catch {
                await failed(instance, error)
                return
            }
        }
    }

    /// The first pass of a run: open operations become `running`; the `after-intent` crash point.
    func begin(_ instance: Instance) async {
        guard await openOperations(), await engine.record(.markOperationsRunning, instanceID: id) != nil else { return }
        engine.crash.reach(.afterIntent, instance: id)
    }

    /// Whether the instance has operations to close; a failed read counts as yes, so the write
    /// that follows (retried when it fails) decides.
    func openOperations() async -> Bool {
        do {
            return try await engine.store.openOperationCount(instanceID: id) > 0
        } catch {
            engine.logger.warning("cannot count open operations", metadata: ["instance": "\(id)", "error": "\(error)"])
            return true
        }
    }

    /// The instance's container (only if it is ours) and whether its volume exists.
    func observe() async throws -> Observation {
        var container: ObservedContainer?
        if let info = try await engine.runtime.inspectContainer(containerName) {
            guard info.labels[RuntimeNames.installLabel] == engine.config.installID,
                  info.labels[RuntimeNames.instanceLabel] == id
            else {
                throw ClawError(.conflict, "container name \(containerName) is taken by a container that is not this "
                    + "install's instance \(id); clawd does not touch it")
            }
            container = ObservedContainer(info, generationLabel: RuntimeNames.generationLabel)
        }
        return Observation(container: container, volumeExists: try await engine.runtime.volumeExists(name: volumeName))
    }

    /// Converged: close open operations (unless a newer intent arrived) and keep health fresh.
    /// Returns false when the row changed meanwhile and another pass is needed.
    func converged(_ instance: Instance, _ observation: Observation) async -> Bool {
        engine.supervisor.converged(id)
        await recordAddress(observation)
        if await openOperations() {
            // false: the row changed meanwhile (or the write failed and waits for its retry).
            let write = PendingWrite.finishOperations(ifUnchanged: instance, succeeded: true, error: nil)
            guard await engine.record(write, instanceID: id)?.finished == true else { return false }
            engine.logger.info("converged", metadata: ["instance": "\(id)", "status": "\(instance.status.rawValue)"])
        }
        if instance.status == .running, instance.healthStatus != .healthy, observation.container?.state == .running {
            engine.probe(id, initial: true)
        }
        if instance.status.isTerminal { engine.supervisor.forget(id) }
        return true
    }

    /// A step failed. Provisioning retries with `Backoff.provisioningDelay` and then fails for
    /// good (refund, teardown); anything else retries with the supervisor's backoff and closes
    /// the open operations as failed after the third attempt.
    func failed(_ instance: Instance, _ error: any Error) async {
        let message = (error as? ClawError)?.message ?? "\(error)"
        if engine.isStopping { return }  // shutting down: the next boot retries, no attempt is counted
        let provisioning = (instance.status == .pending || instance.status == .provisioning) && instance.desired == .running
        if provisioning {
            let attempt = instance.provisionAttempts + 1
            if let delay = Backoff.provisioningDelay(afterAttempt: attempt) {
                engine.logger.warning("provisioning attempt failed", metadata: [
                    "instance": "\(id)", "attempt": "\(attempt)", "error": "\(message)",
                ])
                let after = await engine.record(.report(.provisioningFailed(final: false)), instanceID: id)?.instance
                let at = ContinuousClock.now + delay
                engine.supervisor.retryProvisioning(id, key: .init(after ?? instance), at: at)
                engine.wake(id, at: at)
            } else {
                engine.logger.error("provisioning failed", metadata: [
                    "instance": "\(id)", "attempts": "\(attempt)", "error": "\(message)",
                ])
                // FAILED asks for teardown and wakes this worker again.
                await engine.record(.report(.provisioningFailed(final: true), finish: (succeeded: false, error: message)),
                              instanceID: id)
            }
            return
        }
        let (count, at) = engine.supervisor.failed(id, key: .init(instance))
        engine.logger.warning("runtime step failed", metadata: [
            "instance": "\(id)", "attempt": "\(count)", "error": "\(message)",
        ])
        if count == Backoff.provisioningAttempts {
            await engine.record(.finishOperations(ifUnchanged: instance, succeeded: false, error: message), instanceID: id)
        }
        engine.wake(id, at: at)
    }
}

extension Duration {
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
