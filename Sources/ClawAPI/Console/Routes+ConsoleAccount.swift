import ClawCore
import ClawStore
import Foundation
import ClawWire
import Hummingbird

extension RouterBuilding {
    /// An org's billing (balance, ledger, packages, `buy_claws` requests) and its API keys.
    static func addConsoleAccountRoutes(_ router: Router<APIContext>, env: APIEnvironment, renderer: ConsoleRenderer) {
        router.get("/console/billing") { request, _ in
            try await Self.console(request, env: env, renderer: renderer) { user, _ in
                let before = try request.uri.queryParameters.get("before").map { text -> Int64 in
                    guard let id = Int64(text), id > 0 else { throw ConsoleRefusal(status: .badRequest, message: "'before' must be an entry id.") }
                    return id
                }
                return try await Self.billingPage(user, env: env, renderer: renderer, before: before, flash: nil)
            }
        }

        router.post("/console/billing/buy") { request, _ in
            try await Self.console(request, env: env, renderer: renderer) { user, form in
                let orgID = try Self.orgUser(user)
                guard let package = env.clawPackages.first(where: { $0.id == form.text("package") }) else {
                    throw ConsoleRefusal(status: .badRequest, message: "Choose one of the packages.")
                }
                _ = try await env.store.requestPurchase(orgID: orgID, package: package)
                return try await Self.billingPage(user, env: env, renderer: renderer, before: nil,
                                                  flash: "Requested \(package.claws) Claws: the host admin approves it.")
            }
        }

        router.get("/console/keys") { request, _ in
            try await Self.console(request, env: env, renderer: renderer) { user, _ in
                try await Self.keysPage(user, env: env, renderer: renderer, created: nil)
            }
        }

        router.post("/console/keys") { request, _ in
            try await Self.console(request, env: env, renderer: renderer) { user, form in
                let orgID = try Self.orgUser(user)
                let name = try FieldRules.text(form.text("name"), "name", maxLength: 64)
                let key = try await env.store.createKey(orgID: orgID, name: name)
                return try await Self.keysPage(user, env: env, renderer: renderer, created: key.secret)
            }
        }

        router.post("/console/keys/:key/revoke") { request, context in
            try await Self.console(request, env: env, renderer: renderer) { user, _ in
                let orgID = try Self.orgUser(user)
                let id = context.parameters.get("key") ?? ""
                guard try await env.store.listKeys(orgID: orgID).contains(where: { $0.id == id }) else {
                    throw ConsoleRefusal(status: .notFound, message: "No such key.")
                }
                try await env.store.revokeKey(orgID: orgID, keyID: id)
                return Console.redirect("/console/keys")
            }
        }
    }

    /// The org of an org user's session; the admin's pages are elsewhere.
    static func orgUser(_ user: ConsoleUser) throws -> String {
        guard let orgID = user.orgID else { throw ConsoleRefusal(status: .notFound, message: "This page is an org's.") }
        return orgID
    }

    static func billingPage(_ user: ConsoleUser, env: APIEnvironment, renderer: ConsoleRenderer, before: Int64?,
                            flash: String?) async throws -> Response {
        let orgID = try orgUser(user)
        struct PackageView { var id: String; var name: String; var claws: Int64; var price: String }
        struct PurchaseView { var package: String; var claws: Int64; var status: String; var at: String }
        struct EntryView { var at: String; var kind: String; var amount: String; var balanceAfter: String; var description: String }
        struct Page {
            var balance: String
            var csrf: String
            var packages: [PackageView]
            var purchases: [PurchaseView]
            var ledger: [EntryView]
            var older: Int64?
        }
        let pageSize = 50
        let org = try await env.store.org(id: orgID)
        let entries = try await env.store.ledgerPage(orgID: orgID, before: before, limit: pageSize)
        let page = Page(
            balance: org.map { money($0.balance) } ?? "—", csrf: user.csrf,
            packages: env.clawPackages.map { PackageView(id: $0.id, name: $0.id, claws: $0.claws, price: money(Cents($0.priceCents))) },
            purchases: try await env.store.purchases(orgID: orgID, status: nil, limit: 50).map {
                PurchaseView(package: $0.packageID, claws: $0.claws, status: $0.status.rawValue, at: $0.createdAt.iso8601)
            },
            ledger: entries.map {
                EntryView(at: $0.createdAt.iso8601, kind: $0.kind.rawValue, amount: money($0.amount),
                          balanceAfter: money($0.balanceAfter), description: $0.description)
            },
            older: entries.count == pageSize ? entries.last?.id : nil)
        return Console.html(.ok, renderer.page("billing", page, user.layout("Billing", current: "/console/billing", flash: flash)))
    }

    static func keysPage(_ user: ConsoleUser, env: APIEnvironment, renderer: ConsoleRenderer, created: String?) async throws -> Response {
        let orgID = try orgUser(user)
        struct KeyView { var id: String; var name: String; var prefix: String; var last4: String; var created: String; var state: String; var active: Bool }
        struct Page { var created: String?; var csrf: String; var keys: [KeyView] }
        let now = Timestamp.now()
        let keys = try await env.store.listKeys(orgID: orgID).map { k in
            let state = k.revokedAt != nil ? "revoked" : (k.expiresAt.map { $0 <= now } == true ? "expired" : "active")
            return KeyView(id: k.id, name: k.name ?? "—", prefix: k.prefix, last4: k.last4, created: k.createdAt.iso8601,
                           state: state, active: state == "active")
        }
        return Console.html(.ok, renderer.page("keys", Page(created: created, csrf: user.csrf, keys: keys),
                                               user.layout("API keys", current: "/console/keys")))
    }
}
