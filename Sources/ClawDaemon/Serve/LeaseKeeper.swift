import ClawKubernetes
import ServiceLifecycle

/// Renews the leader Lease until shutdown. Losing it throws, which stops the daemon with a
/// non-zero exit: its supervisor (systemd, the StatefulSet) starts it again, as a contender.
struct LeaseKeeper: ServiceLifecycle.Service {
    let lease: LeaderLease

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await lease.keep() }
        } catch is CancellationError {
            return
        }
    }
}
