import ClawCore
import ClawStore
import ClawWire
import Hummingbird

extension RouterBuilding {
    /// The Claw dialect `/v1/claw/*` (docs/spec/api-claw.md) plus start/stop/restart and the instance wait.
    static func addClawRoutes(_ router: Router<APIContext>, env: APIEnvironment) {
        let store = env.store
        let instances = router.group("/v1/claw/instances")

        instances.get { _, context in
            let body = try await env.instanceListCache.body(orgID: context.orgID, store: store, now: .now()) { rows, today in
                ClawInstanceRow.listJSON(ClawInstanceRow.list(rows, env: env, today: today))
            }
            return JSONResponse.raw(.ok, body)
        }

        instances.post { request, context in
            let orgID = try context.requireOrg()
            let raw = try await JSONBody.collect(request, context: context)
            let idem = Idempotency.of(context)
            let body = try JSONBody.decode(CreateInstanceRequest.self, from: raw)
            let subdomain = try ClawFields.subdomain(body.subdomain)
            let model = try ClawFields.defaultModel(body.defaultModel)
            let tier = try ClawFields.tier(body.tier)
            let imConfig = try ClawFields.imConfig(body.imConfig)
            let image = try ClawFields.image(body.image, isAdmin: context.isAdmin)
            return try await idem.perform(store, answer: { instance, op in
                StoredAnswer(.created, ClawChargeDTO(instance, env: env, withURL: true, operationID: op?.id),
                             headers: op?.locationHeaders ?? [:])
            }, action: { hook throws(ClawError) in
                _ = try await env.instances.create(orgID: orgID, subdomain: subdomain, defaultModel: model, tier: tier,
                                             imConfig: imConfig, image: image, idempotencyKey: idem.key,
                                             inTransaction: hook)
            })
        }

        instances.get(":id") { _, context in
            await JSONResponse.make(.ok, ClawInstanceDTO(try Self.instance(store, context), env: env))
        }

        instances.patch(":id") { request, context in
            let body = try await JSONBody.decode(PatchInstanceRequest.self, request, context: context)
            guard body.defaultModel != .absent || body.imConfig != .absent else {
                throw ClawError(.invalidArgument, "send defaultModel and/or imConfig to update")
            }
            let model: String?? = try body.defaultModel.patch.map { try ClawFields.defaultModel($0) }
            let imConfig: IMConfig?? = try body.imConfig.patch.map { try ClawFields.imConfig($0) }
            let (instance, op) = try await env.instances.patch(instanceID: Self.instanceID(context), orgID: context.orgID,
                                                         defaultModel: model, imConfig: imConfig)
            return Self.instanceAnswer(.ok, instance, op, env: env).response
        }

        instances.delete(":id") { _, context in
            let (instance, op) = try await env.instances.request(.delete, instanceID: Self.instanceID(context), orgID: context.orgID)
            return Self.instanceAnswer(.ok, instance, op, env: env).response
        }

        instances.post(":id/rebuild") { request, context in
            try await Self.command(.rebuild(image: env.instances.config.image), .accepted, request, context, env: env)
        }

        instances.post(":id/renew") { request, context in
            let orgID = try context.requireOrg()
            let raw = try await JSONBody.collect(request, context: context)
            let idem = Idempotency.of(context)
            let body = try JSONBody.decode(RenewInstanceRequest.self, from: raw)
            // Absent or null: renew the current tier; a tier: switch to it and pay its price.
            let tier = try body.tier.map { try ClawFields.tier($0) }
            let id = Self.instanceID(context)
            return try await idem.perform(store, answer: { instance, op in
                StoredAnswer(.ok, ClawChargeDTO(instance, env: env, withURL: false, operationID: op?.id),
                             headers: op?.locationHeaders ?? [:])
            }, action: { hook throws(ClawError) in
                _ = try await env.instances.request(.renew(tier: tier), instanceID: id, orgID: orgID,
                                              idempotencyKey: idem.key, inTransaction: hook)
            })
        }

        for (verb, command) in [("start", LifecycleCommand.start), ("stop", .stop), ("restart", .restart)] {
            instances.post(":id/\(verb)") { request, context in
                try await Self.command(command, .accepted, request, context, env: env)
            }
        }

        instances.get(":id/wait") { request, context in
            try await Self.waitForStatus(request, context, env: env)
        }
    }

    /// A POST that applies one lifecycle command and answers the instance (idempotent by key).
    static func command(_ command: LifecycleCommand, _ status: HTTPResponse.Status, _ request: Request,
                        _ context: APIContext, env: APIEnvironment) async throws -> Response {
        let raw = try await JSONBody.collect(request, context: context)
        let idem = Idempotency.of(context)
        _ = try JSONBody.decode(EmptyRequest.self, from: raw)
        let id = instanceID(context)
        let orgID = context.orgID
        return try await idem.perform(env.store, answer: { instance, op in
            instanceAnswer(status, instance, op, env: env)
        }, action: { hook throws(ClawError) in
            _ = try await env.instances.request(command, instanceID: id, orgID: orgID, inTransaction: hook)
        })
    }

    static func instanceAnswer(_ status: HTTPResponse.Status, _ instance: Instance, _ op: OperationRecord?,
                               env: APIEnvironment) -> StoredAnswer {
        StoredAnswer(status, ClawInstanceDTO(instance, env: env, operationID: op?.id), headers: op?.locationHeaders ?? [:])
    }

    static func instanceID(_ context: APIContext) -> String { context.parameters.get("id") ?? "" }

    /// The instance of the path, or 404 (also for another org's).
    static func instance(_ store: Store, _ context: APIContext) async throws -> Instance {
        let id = instanceID(context)
        guard let instance = try await store.instance(id: id, orgID: context.orgID) else {
            throw ClawError(.notFound, "instance \(id) not found")
        }
        return instance
    }
}
