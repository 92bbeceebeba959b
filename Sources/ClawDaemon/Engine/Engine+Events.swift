import ClawCore

extension Engine {
    /// Follows the runtime's container events for this install. A `die` wakes the worker with
    /// the evidence of a death; a removal wakes it too. When the stream ends (the runtime or its
    /// event process restarted) it is re-subscribed with backoff, and a full pass catches up.
    /// Each subscription starts from the last event heard (or the previous subscription's start):
    /// a death while no stream listened, or before a new event process is ready, is replayed
    /// rather than lost until the next resync. A replayed event only wakes a worker again.
    func watchEvents() async {
        var attempt = 0
        var resumeFrom = Timestamp.now()
        while !isStopping {
            let subscribed = ContinuousClock.now
            let from = resumeFrom
            resumeFrom = Timestamp.now()
            do {
                for try await event in runtime.events(labels: installLabels, since: from.adding(seconds: -1)) {
                    resumeFrom = Timestamp(event.time)
                    if event.action == RuntimeEvent.relisted {
                        await reconcileLogged(probe: false, reason: "events relisted")
                    } else {
                        handle(event)
                    }
                }
            } catch {
                if isStopping { return }
                logger.warning("runtime event stream failed", metadata: ["error": "\(error)"])
            }
            if isStopping { return }
            attempt = ContinuousClock.now - subscribed > config.stableAfter ? 1 : attempt + 1
            do { try await Task.sleep(for: Backoff.delay(attempt: attempt)) } catch { return }
            logger.notice("re-subscribing to runtime events", metadata: ["attempt": "\(attempt)"])
            await reconcileLogged(probe: false, reason: "events resubscribed")
        }
    }

    func handle(_ event: RuntimeEvent) {
        guard event.labels[RuntimeNames.installLabel] == config.installID,
              let id = event.labels[RuntimeNames.instanceLabel] else { return }
        switch event.action {
        case "die", "oom":
            supervisor.noteDied(id, generation: event.labels[RuntimeNames.generationLabel].flatMap { Int($0) })
            wake(id)
        case "remove":
            wake(id)
        default:
            break
        }
    }
}
