import ClawCore
import ClawStore
import ClawWire
import Hummingbird

extension RouterBuilding {
    /// `GET /v1/operations/<id>` and its long-poll `/wait` (docs/spec/native.md).
    static func addOperationRoutes(_ router: Router<APIContext>, env: APIEnvironment) {
        let store = env.store
        router.get("/v1/operations/:id") { _, context in
            await JSONResponse.make(.ok, OperationDTO(try Self.operation(store, context)))
        }
        router.get("/v1/operations/:id/wait") { request, context in
            let timeout = try Waiting.timeout(request)
            let current = try await Self.operation(store, context)
            if current.isFinished { return JSONResponse.make(.ok, OperationDTO(current)) }
            let updates = store.operationUpdates(id: current.id, orgID: context.orgID)
            let finished = await Waiting.race(timeout: timeout) { () -> OperationRecord? in
                do {
                    for try await op in updates {
                        guard let op else { return nil }
                        if op.isFinished { return op }
                    }
                } catch {}
                return nil
            }
            if let finished { return JSONResponse.make(.ok, OperationDTO(finished)) }
            let latest = try await Self.operation(store, context)
            return JSONResponse.make(latest.isFinished ? .ok : .requestTimeout, OperationDTO(latest))
        }
    }

    static func operation(_ store: Store, _ context: APIContext) async throws -> OperationRecord {
        let id = context.parameters.get("id") ?? ""
        guard let op = try await store.operation(id: id, orgID: context.orgID) else {
            throw ClawError(.notFound, "operation \(id) not found")
        }
        return op
    }

    /// `GET /v1/claw/instances/<id>/wait?status=RUNNING&timeout=<s>`: 200 with the instance once it
    /// has the status, 408 with the current one at the timeout, 409 when it reached a terminal
    /// status other than the one asked for (it can never get there).
    static func waitForStatus(_ request: Request, _ context: APIContext, env: APIEnvironment) async throws -> Response {
        let timeout = try Waiting.timeout(request)
        guard let text = request.uri.queryParameters.get("status") else {
            throw ClawError(.invalidArgument, "status is required, e.g. ?status=RUNNING", param: "status")
        }
        guard let wanted = InstanceStatus(rawValue: String(text)) else {
            throw ClawError(.invalidArgument, "status must be one of "
                            + InstanceStatus.allCases.map(\.rawValue).joined(separator: ", "), param: "status")
        }
        let store = env.store
        let changes = env.feed.subscribe()
        let first = try await instance(store, context)
        let id = first.id, orgID = context.orgID
        @Sendable func done(_ i: Instance) -> Bool { i.status == wanted || i.status.isTerminal }
        let reached: Instance?
        if done(first) {
            reached = first
        } else {
            reached = await Waiting.untilChange(feed: env.feed, changes: changes, timeout: timeout,
                                                relevant: { $0.instance.id == id }) {
                guard let i = try? await store.instance(id: id, orgID: orgID), done(i) else { return nil }
                return i
            }
        }
        let current: Instance
        if let reached { current = reached } else { current = try await instance(store, context) }
        if current.status == wanted { return JSONResponse.make(.ok, ClawInstanceDTO(current, env: env)) }
        if current.status.isTerminal {
            throw ClawError(.conflict, "instance \(id) is \(current.status.rawValue) and will never be \(wanted.rawValue)")
        }
        return JSONResponse.make(.requestTimeout, ClawInstanceDTO(current, env: env))
    }
}
