import ClawCore
import ClawStore
import ClawWire
import Hummingbird

extension RouterBuilding {
    /// Health of both dialects (no auth) and Prometheus metrics.
    static func addHealthRoutes(_ router: Router<APIContext>, env: APIEnvironment) {
        @Sendable func current() async -> ClawHealthDTO {
            let report = await env.health()
            return ClawHealthDTO(status: report.ok ? "ok" : "degraded", timestamp: Timestamp.now().iso8601,
                                 checks: report.ok ? nil : report.checks.mapValues { HealthCheckDTO(ok: $0.ok, detail: $0.detail) })
        }
        router.get("/v1/claw/health") { _, _ in JSONResponse.make(.ok, await current()) }
        router.get("/api/v1/health") { _, _ in JSONResponse.make(.ok, HostersData(data: await current())) }
        router.get("/metrics") { _, _ in
            var buffer: [UInt8] = []
            env.registry.emit(into: &buffer)
            // Business series are counted from the database at each scrape; a failing read leaves them out.
            if let business = try? await env.store.businessMetrics() { buffer += Array(business.prometheusText.utf8) }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }
}

/// Namespace for route registration functions.
public enum RouterBuilding {}

