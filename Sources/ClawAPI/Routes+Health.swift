import ClawCore
import Hummingbird

extension RouterBuilding {
    /// Health of both dialects (no auth) and Prometheus metrics.
    static func addHealthRoutes(_ router: Router<APIContext>, env: APIEnvironment) {
        @Sendable func current() async -> ClawHealth {
            let report = await env.health()
            return ClawHealth(status: report.ok ? "ok" : "degraded", timestamp: Timestamp.now().iso8601,
                              checks: report.ok ? nil : report.checks)
        }
        router.get("/v1/claw/health") { _, _ in JSONResponse.make(.ok, await current()) }
        router.get("/api/v1/health") { _, _ in JSONResponse.make(.ok, HostersHealth(data: await current())) }
        router.get("/metrics") { _, _ in
            var buffer: [UInt8] = []
            env.registry.emit(into: &buffer)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }
}

/// Namespace for route registration functions.
public enum RouterBuilding {}


private struct ClawHealth: Encodable {
    var status: String
    var timestamp: String
    var checks: [String: HealthReport.Check]?
}

private struct HostersHealth: Encodable { var data: ClawHealth }
