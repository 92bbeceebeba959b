import ClawCore
import Logging

extension Engine {
    /// Org networks of this install whose org has no instance left (no non-terminal row, no
    /// container), once older than the grace period. A network a container still joins stays
    /// (the engine refuses) until a later pass.
    func removeOrphanNetworks(orgsInUse: Set<String>, now: Timestamp, report: inout ReconcileReport) async throws {
        guard let networks else { return }
        let grace = Int64(config.orphanGraceSeconds) * 1000
        for network in try await networks.orgNetworks() {
            guard let org = network.labels[RuntimeNames.orgLabel], !orgsInUse.contains(org) else { continue }
            let created = network.createdAt.map(Timestamp.init) ?? firstSeen(volume: "network:" + network.name, now: now)
            guard now.millis - created.millis >= grace else {
                report.orphansWaiting += 1
                continue
            }
            do {
                try await networks.remove(network.name)
                report.orphansRemoved += 1
            } catch {
                logger.warning("cannot remove orphan network", metadata: ["network": "\(network.name)", "error": "\(error)"])
            }
        }
    }
}
