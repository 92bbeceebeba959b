import ClawCore
import ClawStore
import ClawWire
import Hummingbird

/// `/admin/status`'s answer, filled in by the daemon (the model lives in ClawWire).
public typealias AdminStatus = ClawWire.AdminStatus

extension OrgDTO {
    init(_ o: Org) {
        self.init(id: o.id, name: o.name, email: o.email, balanceCents: o.balance.value, createdAt: o.createdAt.iso8601)
    }
}

extension KeyDTO {
    init(_ k: APIKeyRecord, secret: String? = nil) {
        self.init(id: k.id, name: k.name, prefix: k.prefix, last4: k.last4, createdAt: k.createdAt.iso8601,
                  expiresAt: k.expiresAt?.iso8601, revokedAt: k.revokedAt?.iso8601, key: secret)
    }
}

extension RouterBuilding {
    /// Host-admin routes: registered on the Unix socket's router only.
    static func addAdminRoutes(_ router: Router<APIContext>, env: APIEnvironment) {
        let store = env.store
        let admin = router.group("/admin")
        admin.post("/orgs") { request, context in
            let body = try await JSONBody.decode(CreateOrgRequest.self, request, context: context)
            let name = body.name
            try FieldRules.text(name, "name", maxLength: 64)
            guard Self.isOrgName(name) else {
                throw ClawError(.invalidArgument, "'name' must be 1-64 chars of [A-Za-z0-9._-], not starting with '-'", param: "name")
            }
            let email = try FieldRules.text(body.email, "email", maxLength: 254)
            if let email, !email.contains("@") || email.hasPrefix("-") {
                throw ClawError(.invalidArgument, "'email' is not an email address", param: "email")
            }
            return await JSONResponse.make(.created, OrgDTO(try store.createOrg(name: name, email: email)))
        }
        admin.get("/orgs") { _, _ in
            await JSONResponse.make(.ok, OrgListDTO(orgs: try store.listOrgs().map { OrgDTO($0) }))
        }
        admin.get("/orgs/:org") { _, context in
            await JSONResponse.make(.ok, OrgDTO(try Self.org(store, context)))
        }
        admin.post("/orgs/:org/credit") { request, context in
            let org = try await Self.org(store, context)
            let body = try await JSONBody.decode(CreditOrgRequest.self, request, context: context)
            let amount = try FieldRules.integer(body.amountCents, "amountCents", range: 1...1_000_000_000) ?? 0
            let description = try FieldRules.text(body.description, "description", maxLength: 200) ?? "credit"
            let record = context.idempotency?.write { (org: Org) in StoredAnswer(.ok, OrgDTO(org)) }
            return await JSONResponse.make(.ok, OrgDTO(try store.credit(orgID: org.id, amount: Cents(Int64(amount)),
                                                                  description: description, idempotent: record)))
        }
        admin.post("/orgs/:org/keys") { request, context in
            let org = try await Self.org(store, context)
            let body = try await JSONBody.decode(CreateKeyRequest.self, request, context: context)
            let name = try FieldRules.text(body.name, "name", maxLength: 64)
            let prefix = try FieldRules.text(body.prefix, "prefix", maxLength: 16) ?? "claw"
            guard KeyPrefix.isValid(prefix) else {
                throw ClawError(.invalidArgument, "'prefix' must be 1-16 chars of [a-z0-9_], starting with a letter or digit",
                                param: "prefix")
            }
            var expires: Timestamp?
            if let text = try FieldRules.text(body.expiresAt, "expiresAt", maxLength: 40) {
                guard let t = Timestamp(iso8601: text) else {
                    throw ClawError(.invalidArgument, "'expiresAt' must be ISO-8601 with a zone, e.g. 2026-03-10T00:00:00Z", param: "expiresAt")
                }
                expires = t
            }
            // A retry answers the key without its secret: secrets are shown once and never stored.
            let record = context.idempotency?.write { (k: APIKeyRecord) in StoredAnswer(.created, KeyDTO(k)) }
            let key = try await store.createKey(orgID: org.id, name: name, prefix: prefix, expiresAt: expires, idempotent: record)
            return JSONResponse.make(.created, KeyDTO(key.record, secret: key.secret))
        }
        admin.get("/orgs/:org/keys") { _, context in
            let org = try await Self.org(store, context)
            return await JSONResponse.make(.ok, KeyListDTO(keys: try store.listKeys(orgID: org.id).map { KeyDTO($0) }))
        }
        admin.delete("/orgs/:org/keys/:key") { _, context in
            let org = try await Self.org(store, context)
            try await store.revokeKey(orgID: org.id, keyID: context.parameters.get("key") ?? "")
            return Response(status: .noContent)
        }
        admin.get("/status") { _, _ in JSONResponse.make(.ok, await env.status()) }
        admin.post("/reconcile") { _, _ in
            JSONResponse.make(.ok, ReconcileDTO(changed: try await env.reconcile()))
        }
    }

    static func org(_ store: Store, _ context: APIContext) async throws -> Org {
        let id = context.parameters.get("org") ?? ""
        guard let org = try await store.org(id: id) else { throw ClawError(.notFound, "org \(id) not found") }
        return org
    }

    static func isOrgName(_ s: String) -> Bool {
        guard (1...64).contains(s.count), !s.hasPrefix("-") else { return false }
        return s.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
        }
    }
}
