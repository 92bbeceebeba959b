import ClawCore
import ClawStore
import Hummingbird

/// What `/admin/status` reports; filled in by the daemon.
public struct AdminStatus: Encodable, Sendable {
    public var version: String
    public var uptimeSeconds: Int64
    public var runtime: [String: String]
    public var database: [String: String]
    public var instancesByStatus: [String: Int]
    public var timersArmed: Int
    /// The earliest armed deadline: `{"at", "kind", "instanceId"}`, nil when none is armed.
    public var nextDeadline: [String: String]?
    public init(version: String, uptimeSeconds: Int64, runtime: [String: String], database: [String: String],
                instancesByStatus: [String: Int], timersArmed: Int) {
        self.version = version
        self.uptimeSeconds = uptimeSeconds
        self.runtime = runtime
        self.database = database
        self.instancesByStatus = instancesByStatus
        self.timersArmed = timersArmed
    }
}

struct OrgDTO: Encodable {
    var id: String, name: String, email: String?, balanceCents: Int64, createdAt: String
    init(_ o: Org) {
        id = o.id; name = o.name; email = o.email; balanceCents = o.balance.value; createdAt = o.createdAt.iso8601
    }
}

struct KeyDTO: Encodable {
    var id: String, name: String?, prefix: String, last4: String, createdAt: String
    var expiresAt: String?, revokedAt: String?, key: String?
    init(_ k: APIKeyRecord, secret: String? = nil) {
        id = k.id; name = k.name; prefix = k.prefix; last4 = k.last4; createdAt = k.createdAt.iso8601
        expiresAt = k.expiresAt?.iso8601; revokedAt = k.revokedAt?.iso8601; key = secret
    }
}

extension RouterBuilding {
    /// Host-admin routes: registered on the Unix socket's router only.
    static func addAdminRoutes(_ router: Router<APIContext>, env: APIEnvironment) {
        let store = env.store
        let admin = router.group("/admin")
        admin.post("/orgs") { request, context in
            let body = try await JSONBody.read(request, context: context)
            try body.allowOnly(["name", "email"])
            let name = try body.string("name", required: true, maxLength: 64)!
            guard Self.isOrgName(name) else {
                throw ClawError(.invalidArgument, "'name' must be 1-64 chars of [A-Za-z0-9._-], not starting with '-'", param: "name")
            }
            let email = try body.string("email", maxLength: 254)
            if let email, !email.contains("@") || email.hasPrefix("-") {
                throw ClawError(.invalidArgument, "'email' is not an email address", param: "email")
            }
            return JSONResponse.make(.created, OrgDTO(try store.createOrg(name: name, email: email)))
        }
        admin.get("/orgs") { _, _ in
            struct List: Encodable { var orgs: [OrgDTO] }
            return JSONResponse.make(.ok, List(orgs: try store.listOrgs().map(OrgDTO.init)))
        }
        admin.get("/orgs/:org") { _, context in
            JSONResponse.make(.ok, OrgDTO(try Self.org(store, context)))
        }
        admin.post("/orgs/:org/credit") { request, context in
            let org = try Self.org(store, context)
            let body = try await JSONBody.read(request, context: context)
            try body.allowOnly(["amountCents", "description"])
            let amount = try body.int("amountCents", required: true, range: 1...1_000_000_000)!
            let description = try body.string("description", maxLength: 200) ?? "credit"
            return JSONResponse.make(.ok, OrgDTO(try store.credit(orgID: org.id, amount: Cents(amount), description: description)))
        }
        admin.post("/orgs/:org/keys") { request, context in
            let org = try Self.org(store, context)
            let body = try await JSONBody.read(request, context: context)
            try body.allowOnly(["name", "prefix", "expiresAt"])
            let name = try body.string("name", maxLength: 64)
            let prefix = try body.string("prefix", maxLength: 16) ?? "claw"
            guard !prefix.isEmpty, prefix.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) }) else {
                throw ClawError(.invalidArgument, "'prefix' must be 1-16 chars of [a-z0-9]", param: "prefix")
            }
            var expires: Timestamp?
            if let text = try body.string("expiresAt", maxLength: 40) {
                guard let t = Timestamp(iso8601: text) else {
                    throw ClawError(.invalidArgument, "'expiresAt' must be ISO-8601 with a zone, e.g. 2026-03-10T00:00:00Z", param: "expiresAt")
                }
                expires = t
            }
            let key = try store.createKey(orgID: org.id, name: name, prefix: prefix, expiresAt: expires)
            return JSONResponse.make(.created, KeyDTO(key.record, secret: key.secret))
        }
        admin.get("/orgs/:org/keys") { _, context in
            struct List: Encodable { var keys: [KeyDTO] }
            let org = try Self.org(store, context)
            return JSONResponse.make(.ok, List(keys: try store.listKeys(orgID: org.id).map { KeyDTO($0) }))
        }
        admin.delete("/orgs/:org/keys/:key") { _, context in
            let org = try Self.org(store, context)
            try store.revokeKey(orgID: org.id, keyID: context.parameters.get("key") ?? "")
            return Response(status: .noContent)
        }
        admin.get("/status") { _, _ in JSONResponse.make(.ok, await env.status()) }
        admin.post("/reconcile") { _, _ in
            struct Changed: Encodable { var changed: [String: Int] }
            return JSONResponse.make(.ok, Changed(changed: try await env.reconcile()))
        }
    }

    static func org(_ store: Store, _ context: APIContext) throws -> Org {
        let id = context.parameters.get("org") ?? ""
        guard let org = try store.org(id: id) else { throw ClawError(.notFound, "org \(id) not found") }
        return org
    }

    static func isOrgName(_ s: String) -> Bool {
        guard (1...64).contains(s.count), !s.hasPrefix("-") else { return false }
        return s.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
        }
    }
}
