/// `GET /v1/claw/health` (and, wrapped in `data`, `/api/v1/health`): `checks` only when degraded.
public struct ClawHealthDTO: Codable, Sendable, Equatable {
    /// `ok` or `degraded`.
    public var status: String
    public var timestamp: String
    public var checks: [String: HealthCheckDTO]?

    public init(status: String, timestamp: String, checks: [String: HealthCheckDTO]?) {
        self.status = status
        self.timestamp = timestamp
        self.checks = checks
    }
}

/// One named check of the health answer.
public struct HealthCheckDTO: Codable, Sendable, Equatable {
    public var ok: Bool
    public var detail: String
    public init(ok: Bool, detail: String) {
        self.ok = ok
        self.detail = detail
    }
}
