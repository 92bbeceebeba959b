/// The last known health of a `RUNNING` instance, shown beside its status.
public enum HealthStatus: String, Sendable, Codable, CaseIterable {
    case healthy, unhealthy, unknown
}
