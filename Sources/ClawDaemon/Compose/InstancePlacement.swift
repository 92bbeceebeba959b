import ClawCore
import ClawKubernetes

/// Where the engine places instances: the backend it drives and the local engine behind it, if
/// any (backups, disk usage and org networks need one).
struct InstancePlacement: Sendable {
    /// nil: no backend answered (requests still write intent).
    var runtime: (any InstanceRuntime)?
    /// The local engine the instances run on; nil when they run on a cluster.
    var local: (any ContainerRuntime)?
    /// `podman`, `docker`, `kubernetes` or `none`.
    var backend: String
    /// The Lease this daemon must hold before it writes (nil: it is the only writer by construction).
    var lease: LeaderLease?
    /// Why there is no backend.
    var error: String?
}
