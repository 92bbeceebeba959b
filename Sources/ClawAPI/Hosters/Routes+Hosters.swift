import ClawCore
import ClawStore
import ClawWire
import Hummingbird

extension RouterBuilding {
    /// The ClawHosters dialect's account and instances (docs/spec/api-hosters.md). The same instances as
    /// the Claw dialect, seen through their integer ids; every change goes through the instance
    /// service, so the lifecycle rules are the same.
    static func addHostersRoutes(_ router: Router<APIContext>, env: APIEnvironment) {
        let store = env.store
        let api = router.group("/api/v1")

        api.get("/account") { _, context in
            let orgID = try context.requireOrg()
            guard let account = try await store.hostersAccount(orgID: orgID) else { throw HostersError.notFound("Account") }
            return Hosters.data(HostersAccountDTO(account))
        }

        api.get("/instances") { request, context in
            let page = try HostersPage(request)
            let facts = HostersInstanceFacts(env: env)
            let (records, total) = try await store.hostersInstances(orgID: context.orgID, offset: page.offset, limit: page.perPage)
            return Hosters.list(records.map { HostersInstanceDTO(record: $0, facts: facts) }, page: page, totalCount: total)
        }

        api.get("/instances/:id") { _, context in
            let record = try await Hosters.instance(context, store: store)
            let imConfig = IMConfigFacts(try await store.imConfig(instanceID: record.instance.id))
            return Hosters.data(HostersInstanceDTO(record: record, facts: HostersInstanceFacts(env: env), imConfig: imConfig))
        }

        let actions: [(String, LifecycleCommand, @Sendable (HostersStatus) -> Bool)] = [
            ("start", .start, { $0.canStart }), ("stop", .stop, { $0.canStop }), ("restart", .restart, { $0.canRestart }),
        ]
        for (verb, command, allowed) in actions {
            api.post("/instances/:id/\(verb)") { request, context in
                try await JSONBody.requireEmpty(request, context: context)
                let record = try await Hosters.instance(context, store: store)
                let status = HostersStatus(record)
                guard allowed(status) else {
                    throw HostersError.unprocessable("Cannot \(verb) an instance that is \(status.rawValue)")
                }
                let (instance, op) = try await env.instances.request(command, instanceID: record.instance.id, orgID: context.orgID)
                return Hosters.data(HostersActionDTO(number: record.number, instance: instance, deleting: false, operationID: op?.id),
                                    headers: Hosters.location(op))
            }
        }

        api.delete("/instances/:id") { request, context in
            try await JSONBody.requireEmpty(request, context: context)
            let record = try await Hosters.instance(context, store: store)
            guard !record.deleting else { throw HostersError.unprocessable("The instance is already being deleted") }
            let (instance, op) = try await env.instances.request(.delete, instanceID: record.instance.id, orgID: context.orgID)
            return Hosters.data(HostersActionDTO(number: record.number, instance: instance, deleting: op != nil,
                                                 operationID: op?.id), headers: Hosters.location(op))
        }
    }
}
