/// One step of the worker, executed in order; every runtime step is idempotent.
public enum RuntimeAction: Sendable, Equatable {
    /// Apply `LifecycleCommand.provisioningStarted` (`PENDING` → `PROVISIONING`).
    case markProvisioning
    case createVolume
    /// Create the container (not started) labelled with this generation, on the instance's volume.
    case createContainer(generation: Int)
    case startContainer
    /// Graceful stop: SIGTERM, the configured timeout, then SIGKILL.
    case stopContainer
    case removeContainer
    case removeVolume
    /// Apply `LifecycleCommand.provisioned`: the current container was observed running.
    case markRunning
}
