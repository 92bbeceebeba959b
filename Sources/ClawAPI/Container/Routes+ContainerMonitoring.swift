import ClawCore
import ClawStore
import ClawWire
import Foundation
import Hummingbird

extension RouterBuilding {
    static func addContainerMonitoringRoutes(_ g: RouterGroup<APIContext>, api: ContainerRunRoutes) {
        g.get("audit-log") { request, context in
            let limit = try ContainerRunRoutes.limit(request, fallback: 100, max: 1000)
            var since: Timestamp?
            if let text = request.uri.queryParameters.get("since") {
                guard let t = Timestamp(iso8601: String(text)) else {
                    throw ClawError(.invalidArgument, "'since' must be an ISO-8601 time with a zone", param: "since")
                }
                since = t
            }
            return await JSONResponse.make(.ok, try api.get().runs.auditLog(orgID: context.orgID, since: since, limit: limit)
                .map(ContainerWire.AuditLogEntry.init))
        }

        g.get("run-history") { request, context in
            let limit = try ContainerRunRoutes.limit(request, fallback: 50, max: 500)
            let group = request.uri.queryParameters.get("group").map { String($0) }
            if let group { _ = try await Self.ownedGroup(group, api: api, context: context) }
            return await JSONResponse.make(.ok, try api.get().runs.runs(orgID: context.orgID, group: group, limit: limit)
                .map(ContainerWire.Run.init))
        }

        g.get("metrics") { _, context in
            let runs = try api.get()
            let counts = runs.queue.counts()
            let stats = await runs.queue.containerStats()
            let byStatus = try await runs.runs.runCounts(orgID: context.orgID)
            return JSONResponse.make(.ok, ContainerWire.Metrics(
                activeRuns: counts.active, queuedRuns: counts.pendingMessages + counts.pendingTasks,
                maxConcurrent: counts.maxConcurrent, instances: await runs.instanceCounts(), containers: stats?.containers ?? 0,
                cpuPercent: stats?.cpuPercent ?? 0, memoryBytes: stats?.memoryBytes ?? 0, runsByStatus: byStatus))
        }

        g.get("analytics") { request, context in
            var days = 7
            if let text = request.uri.queryParameters.get("days") {
                guard let n = Int(text), (1...366).contains(n) else {
                    throw ClawError(.invalidArgument, "'days' must be an integer between 1 and 366", param: "days")
                }
                days = n
            }
            let now = Timestamp.now()
            let since = Timestamp(millis: (now.millis / 86_400_000 - Int64(days) + 1) * 86_400_000)
            let samples = try await api.get().runs.finishedRuns(orgID: context.orgID, since: since).map {
                RunAnalytics.Sample(at: $0.createdAt, group: $0.group, status: $0.status, durationMs: $0.durationMs ?? 0)
            }
            let daily = RunAnalytics.days(samples, days: days, now: now).map(ContainerWire.AnalyticsDay.init)
            return JSONResponse.make(.ok, ContainerWire.Analytics(days: days, daily: daily))
        }
    }
}
