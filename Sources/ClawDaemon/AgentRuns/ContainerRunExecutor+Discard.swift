import ClawCore

extension ContainerRunExecutor {
    /// The stop grace of a container given up at shutdown: the configured grace, but at most
    /// half the shutdown budget, so the removal after it still fits.
    var shutdownStopGraceSeconds: Int { max(0, min(stopGraceSeconds, shutdownBudgetSeconds / 2)) }

    /// Removes the container of a run that was given up (its engine call failed, or clawd is
    /// stopping): stopped first when asked (SIGTERM, then SIGKILL after the shutdown grace),
    /// then force-removed. It runs in a task of its own, so the cancellation that gave the run
    /// up does not cancel the cleanup too; the caller waits for it.
    func discardContainer(_ name: String, stopFirst: Bool) async {
        guard let runtime else { return }
        let grace = shutdownStopGraceSeconds
        let logger = logger
        await Task {
            if stopFirst {
                logger.notice("stopping the container of a run given up", metadata: ["container": "\(name)"])
                try? await runtime.stopContainer(name, timeoutSeconds: grace)
            }
            try? await runtime.removeContainer(name, force: true)
        }.value
    }
}
