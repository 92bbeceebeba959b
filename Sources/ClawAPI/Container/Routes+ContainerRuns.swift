import ClawCore
import ClawStore
import Foundation
import Hummingbird

extension RouterBuilding {
    /// The NanoClaw container API: namespaces (groups) and instructions, the run queue
    /// and agent runs, schedules, monitoring. Objects of another org answer 404 like missing ones;
    /// on the admin socket without `X-Clawd-Org` every org's objects are visible.
    static func addContainerRunRoutes(_ router: Router<APIContext>, env: APIEnvironment) {
        let g = router.group("/api/v1/container")
        let api = ContainerRunRoutes(env: env)
        addContainerNamespaceRoutes(g, api: api)
        addContainerQueueRoutes(g, api: api)
        addContainerScheduleRoutes(g, api: api)
        addContainerMonitoringRoutes(g, api: api)
    }
}

/// The routes' access to the runs backend: a clear 503 when the daemon has none.
struct ContainerRunRoutes: Sendable {
    let env: APIEnvironment

    func get() throws -> ContainerRunsAPI {
        guard let runs = env.containerRuns else {
            throw ClawError(.unavailable, "agent runs are not available in this daemon")
        }
        return runs
    }

    /// `limit` from the query: 1...max, default `fallback`.
    static func limit(_ request: Request, fallback: Int = 50, max: Int = 500) throws -> Int {
        guard let text = request.uri.queryParameters.get("limit") else { return fallback }
        guard let n = Int(text), (1...max).contains(n) else {
            throw ClawError(.invalidArgument, "'limit' must be an integer between 1 and \(max)", param: "limit")
        }
        return n
    }
}
