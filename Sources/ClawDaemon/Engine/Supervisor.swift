import ClawCore
import Synchronization

/// The engine's memory per instance (lost on restart by design: the database holds the intent,
/// this only paces retries): unexpected deaths and their restart backoff, and the backoff after
/// failed runtime steps.
final class Supervisor: Sendable {
    typealias Instant = ContinuousClock.Instant

    /// The intent a failure happened under; a newer intent is not held back by an older failure.
    struct IntentKey: Equatable {
        var generation: Int
        var desired: Desired
        var terminal: Bool

        init(_ i: Instance) {
            generation = i.generation
            desired = i.desired
            terminal = i.status.isTerminal
        }
    }

    private struct Record {
        /// The generation whose container was last seen running.
        var seenRunning: Int?
        /// The runtime reported a `die` of this generation.
        var diedGeneration: Int?
        /// The worker itself is stopping or removing this generation: its `die` is expected.
        var expectedExit: Int?
        /// The generation the worker last stopped itself, until it starts a container again: a
        /// listing taken before that stop (the resync's) must not count it as running.
        var stoppedByWorker: Int?
        var deaths = 0
        var deathGeneration: Int?
        var restartAt: Instant?
        var lastStart: Instant?
        var failures = 0
        var failureKey: IntentKey?
        var retryAt: Instant?
    }

    private let records = Mutex<[String: Record]>([:])
    let stableAfter: Duration

    init(stableAfter: Duration) { self.stableAfter = stableAfter }

    /// A `die` event of the container with this generation label.
    func noteDied(_ id: String, generation: Int?) {
        records.withLock { all in
            var r = all[id, default: Record()]
            if let generation, r.expectedExit == generation {
                r.expectedExit = nil
            } else if let generation, r.stoppedByWorker == generation {
                // A second report of a stop the worker made (an `oom` and its `die`, a late event).
            } else {
                r.diedGeneration = generation ?? -1
            }
            all[id] = r
        }
    }

    /// The worker is about to stop or remove the container of `generation`: not a death.
    func stopping(_ id: String, generation: Int?) {
        records.withLock { all in
            var r = all[id, default: Record()]
            r.seenRunning = nil
            r.expectedExit = generation
            r.stoppedByWorker = generation
            if r.diedGeneration == generation { r.diedGeneration = nil }
            all[id] = r
        }
    }

    /// The worker itself observed the container of `generation` running.
    func noteRunning(_ id: String, generation: Int?) {
        records.withLock { all in
            all[id, default: Record()].seenRunning = generation
            all[id]!.stoppedByWorker = nil
        }
    }

    /// A listing (the resync's) showed the container of `generation` running. The listing may
    /// predate a stop the worker made since, so a generation the worker stopped is ignored.
    func listedRunning(_ id: String, generation: Int?) {
        records.withLock { all in
            var r = all[id, default: Record()]
            guard generation == nil || r.stoppedByWorker != generation else { return }
            r.seenRunning = generation
            all[id] = r
        }
    }

    /// Whether `observed` is an unexpected death: the instance should run, its current container
    /// has stopped, and we saw it running or the runtime told us it died. A container merely not
    /// started yet (after `start` on a stopped instance, or at boot) is not a death. Consumes the
    /// evidence, so one death counts once; returns when to restart (exponential backoff).
    func takeDeath(_ i: Instance, _ observed: ObservedContainer?, now: Instant = .now) -> Instant? {
        guard i.status == .running, i.desired == .running, let c = observed, c.generation == i.generation,
              c.state == .exited || c.state == .stopped
        else { return nil }
        return records.withLock { all -> Instant? in
            var r = all[i.id, default: Record()]
            let died = r.diedGeneration == i.generation || r.diedGeneration == -1
            guard died || r.seenRunning == i.generation else { return nil }
            r.diedGeneration = nil
            r.seenRunning = nil
            if let last = r.lastStart, now - last >= stableAfter { r.deaths = 0 }
            if r.deathGeneration != i.generation { r.deaths = 0 }
            r.deaths += 1
            r.deathGeneration = i.generation
            let at = now + Backoff.delay(attempt: r.deaths)
            r.restartAt = at
            all[i.id] = r
            return at
        }
    }

    /// The container was started (again): the restart backoff is spent.
    func started(_ id: String, now: Instant = .now) {
        records.withLock { all in
            all[id, default: Record()].lastStart = now
            all[id]!.restartAt = nil
            all[id]!.stoppedByWorker = nil
        }
    }

    /// A runtime step failed under `key`; returns the failure count and when to retry.
    func failed(_ id: String, key: IntentKey, now: Instant = .now) -> (count: Int, retryAt: Instant) {
        records.withLock { all in
            var r = all[id, default: Record()]
            r.failures = r.failureKey == key ? r.failures + 1 : 1
            r.failureKey = key
            let at = now + Backoff.delay(attempt: r.failures)
            r.retryAt = at
            all[id] = r
            return (r.failures, at)
        }
    }

    /// Provisioning paces itself with `Backoff.provisioningDelay`; this records when.
    func retryProvisioning(_ id: String, key: IntentKey, at: Instant) {
        records.withLock { all in
            all[id, default: Record()].failureKey = key
            all[id]!.retryAt = at
        }
    }

    /// When the worker must wait before executing `plan`, or nil to go ahead. A failure holds back
    /// only the intent it happened under; a restart backoff holds back only the restart.
    func holdUntil(_ i: Instance, plan: [RuntimeAction], now: Instant = .now) -> Instant? {
        records.withLock { all -> Instant? in
            guard let r = all[i.id] else { return nil }
            if let at = r.retryAt, at > now, r.failureKey == IntentKey(i) { return at }
            if let at = r.restartAt, at > now, r.deathGeneration == i.generation, i.status == .running,
               plan.contains(.startContainer) {
                return at
            }
            return nil
        }
    }

    /// The instance converged: failures are forgotten (deaths are kept until it stays up).
    func converged(_ id: String) {
        records.withLock { all in
            guard all[id] != nil else { return }
            all[id]!.failures = 0
            all[id]!.failureKey = nil
            all[id]!.retryAt = nil
        }
    }

    func forget(_ id: String) { _ = records.withLock { $0.removeValue(forKey: id) } }
}
