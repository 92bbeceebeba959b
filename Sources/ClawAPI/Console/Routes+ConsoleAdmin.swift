import ClawCore
import ClawStore
import ClawWire
import Foundation
import Hummingbird

extension RouterBuilding {
    /// The host admin's page (a session from `clawctl console`): host status, orgs (create,
    /// credit), purchases to approve. Every org's instances are on `/console/`.
    static func addConsoleAdminRoutes(_ router: Router<APIContext>, env: APIEnvironment, renderer: ConsoleRenderer) {
        router.get("/console/admin") { request, _ in
            try await Self.console(request, env: env, renderer: renderer) { user, _ in
                try await Self.adminPage(user, env: env, renderer: renderer, flash: nil)
            }
        }

        router.post("/console/admin/orgs") { request, _ in
            try await Self.console(request, env: env, renderer: renderer) { user, form in
                try Self.adminUser(user)
                let name = form.text("name") ?? ""
                try FieldRules.text(name, "name", maxLength: 64)
                guard Self.isOrgName(name) else {
                    throw ConsoleRefusal(status: .badRequest, message: "An org name is 1-64 characters of A-Z a-z 0-9 . _ -, not starting with '-'.")
                }
                let org = try await env.store.createOrg(name: name, email: nil)
                return try await Self.adminPage(user, env: env, renderer: renderer, flash: "Created \(org.name) (\(org.id)).")
            }
        }

        router.post("/console/admin/orgs/:org/credit") { request, context in
            try await Self.console(request, env: env, renderer: renderer) { user, form in
                try Self.adminUser(user)
                guard let org = try await env.store.org(id: context.parameters.get("org") ?? "") else {
                    throw ConsoleRefusal(status: .notFound, message: "No such org.")
                }
                guard let cents = form.text("cents").flatMap({ Int64($0) }), (1...1_000_000_000).contains(cents) else {
                    throw ConsoleRefusal(status: .badRequest, message: "Credit a whole number of cents from 1 to 1,000,000,000.")
                }
                let after = try await env.store.credit(orgID: org.id, amount: Cents(cents), description: "credit (console)")
                return try await Self.adminPage(user, env: env, renderer: renderer,
                                                flash: "Credited \(money(Cents(cents))) to \(org.name): balance \(money(after.balance)).")
            }
        }

        router.post("/console/admin/purchases/:id/:decision") { request, context in
            try await Self.console(request, env: env, renderer: renderer) { user, _ in
                try Self.adminUser(user)
                guard let id = Int64(context.parameters.get("id") ?? "") else { throw ConsoleRefusal(status: .notFound, message: "No such purchase.") }
                switch context.parameters.get("decision") {
                case "approve": _ = try await env.store.approvePurchase(id: id)
                case "reject": _ = try await env.store.rejectPurchase(id: id)
                default: throw ConsoleRefusal(status: .notFound, message: "No such decision.")
                }
                return Console.redirect("/console/admin")
            }
        }
    }

    static func adminUser(_ user: ConsoleUser) throws {
        guard user.isAdmin else { throw ConsoleRefusal(status: .notFound, message: "No such page.") }
    }

    static func adminPage(_ user: ConsoleUser, env: APIEnvironment, renderer: ConsoleRenderer, flash: String?) async throws -> Response {
        try adminUser(user)
        struct Fact { var name: String; var value: String }
        struct OrgView { var id: String; var name: String; var balance: String }
        struct PurchaseView { var id: Int64; var org: String; var package: String; var claws: Int64 }
        struct Page { var status: [Fact]; var orgs: [OrgView]; var purchases: [PurchaseView]; var csrf: String }
        let status = await env.status()
        var facts = [Fact(name: "version", value: status.version), Fact(name: "uptime", value: "\(status.uptimeSeconds) s"),
                     Fact(name: "timers armed", value: "\(status.timersArmed)")]
        facts += status.runtime.sorted { $0.key < $1.key }.map { Fact(name: "runtime \($0.key)", value: $0.value) }
        facts += status.instancesByStatus.sorted { $0.key < $1.key }.map { Fact(name: "instances \($0.key)", value: "\($0.value)") }
        if let next = status.nextDeadline { facts.append(Fact(name: "next deadline", value: "\(next["kind"] ?? "") at \(next["at"] ?? "")")) }
        if let queue = env.containerRuns?.queue.counts() {
            facts.append(Fact(name: "agent run queue", value: "\(queue.active) active of \(queue.maxConcurrent), \(queue.waiting) groups waiting"))
        }
        if let proxy = await env.container?.proxyStatus() {
            facts.append(Fact(name: "credential proxy", value: proxy.running
                ? "running on \(proxy.bindHost ?? "?"):\(proxy.port), \(proxy.mappings.count) mapping(s), \(proxy.requestsServed) request(s) served"
                : "stopped (port \(proxy.port))"))
        }
        let health = await env.health()
        let database = health.checks["database"].map { HealthCheckDTO(ok: $0.ok, detail: $0.detail) }
        // The daemon-side checks of `clawctl doctor`, from the same status and health.
        let checks = DoctorCheck.daemonChecks(status, database: database).map {
            Fact(name: "doctor: \($0.name)", value: "\($0.level.rawValue): \($0.detail)" + ($0.hint.map { " (\($0))" } ?? ""))
        }
        facts += checks
        let orgs = try await env.store.listOrgs()
        let names = Dictionary(uniqueKeysWithValues: orgs.map { ($0.id, $0.name) })
        let page = Page(status: facts, orgs: orgs.map { OrgView(id: $0.id, name: $0.name, balance: money($0.balance)) },
                        purchases: try await env.store.purchases(orgID: nil, status: .pending).map {
                            PurchaseView(id: $0.id, org: names[$0.orgID] ?? $0.orgID, package: $0.packageID, claws: $0.claws)
                        }, csrf: user.csrf)
        return Console.html(.ok, renderer.page("admin", page, user.layout("Host", current: "/console/admin", flash: flash)))
    }
}
