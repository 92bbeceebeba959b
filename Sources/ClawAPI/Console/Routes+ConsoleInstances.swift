import ClawCore
import ClawStore
import ClawWire
import Foundation
import Hummingbird

/// What the instance pages show of one instance, from the API's own `ClawInstanceDTO`.
struct ConsoleInstanceView {
    var id: String
    var subdomain: String
    var status: String
    var healthStatus: String
    var url: String
    var tier: String
    var paidUntil: String
    var rebuildsLeftToday: Int
    var defaultModel: String
    var orgID: String

    init(_ dto: ClawInstanceDTO, orgID: String) {
        id = dto.id
        subdomain = dto.subdomain
        status = dto.status
        healthStatus = dto.healthStatus
        url = dto.url
        tier = dto.tier
        paidUntil = dto.paidUntil
        rebuildsLeftToday = dto.rebuildsLeftToday
        defaultModel = dto.defaultModel ?? "—"
        self.orgID = orgID
    }
}

extension RouterBuilding {
    static let consoleActions: [(name: String, label: String, confirm: String?, command: LifecycleCommand?)] = [
        ("start", "Start", nil, .start), ("stop", "Stop", "Stop this instance?", .stop),
        ("restart", "Restart", nil, .restart), ("rebuild", "Rebuild", "Rebuild the container? Its volume is kept.", nil),
        ("renew", "Renew", "Renew for one more period? Its price is charged now.", .renew(tier: nil)),
        ("delete", "Delete", "Delete this instance? Its volume is removed after the retention period.", .delete),
    ]

    /// The instances table (live through `/console/events`), create, the instance page with its
    /// actions and the operation they started, logs.
    static func addConsoleInstanceRoutes(_ router: Router<APIContext>, env: APIEnvironment, renderer: ConsoleRenderer) {
        let sessions = ConsoleStore(store: env.store)

        router.get("/console/") { request, _ in
            try await Self.console(request, env: env, renderer: renderer) { user, _ in
                let page = try request.uri.queryParameters.get("page").map { text -> Int in
                    guard let n = Int(text), n >= 1 else { throw ConsoleRefusal(status: .badRequest, message: "'page' must be 1 or more.") }
                    return n
                } ?? 1
                return try await Self.instancesPage(user, env: env, renderer: renderer, status: .ok, error: nil, page: page)
            }
        }

        router.post("/console/instances") { request, _ in
            try await Self.console(request, env: env, renderer: renderer) { user, form in
                guard let orgID = user.orgID else { throw ConsoleRefusal(status: .notFound, message: "Only an org's users create instances.") }
                do {
                    let subdomain = try ClawFields.subdomain(form.text("subdomain") ?? "")
                    let tier = try ClawFields.tier(form.text("tier"))
                    let model = try ClawFields.defaultModel(form.text("model"))
                    let (instance, op) = try await env.instances.create(orgID: orgID, subdomain: subdomain, defaultModel: model,
                                                                        tier: tier, imConfig: nil)
                    return Console.redirect("/console/instances/\(instance.id)?op=\(op.id)")
                } catch let error as ClawError {
                    return try await Self.instancesPage(user, env: env, renderer: renderer, status: Dialect.status(error.code),
                                                        error: error.message)
                }
            }
        }

        router.get("/console/instances/:id") { request, context in
            try await Self.console(request, env: env, renderer: renderer) { user, _ in
                let instance = try await Self.consoleInstance(context, user, env: env)
                var operation: OperationRecord?
                if let op = request.uri.queryParameters.get("op") {
                    operation = try await env.store.operation(id: String(op), orgID: user.orgID)
                }
                let events = try await sessions.recentEvents(instanceID: instance.id, limit: 20)
                let view = ConsoleInstanceView(ClawInstanceDTO(instance, env: env), orgID: instance.orgID)
                struct Action { var name: String; var label: String; var confirm: String? }
                struct Page {
                    var i: ConsoleInstanceView
                    var csrf: String
                    var cursor: Int64
                    var operation: OperationView?
                    var actions: [Action]
                    var events: [EventView]
                }
                let page = Page(i: view, csrf: user.csrf, cursor: try await sessions.latestEventID(),
                                operation: operation.map(OperationView.init), actions: consoleActions.map { Action(name: $0.name, label: $0.label, confirm: $0.confirm) },
                                events: events.map(EventView.init))
                return Console.html(.ok, renderer.page("instance", page, user.layout(view.subdomain, current: "/console/", events: true)))
            }
        }

        router.post("/console/instances/:id/:action") { request, context in
            try await Self.console(request, env: env, renderer: renderer) { user, _ in
                let instance = try await Self.consoleInstance(context, user, env: env)
                guard let action = consoleActions.first(where: { $0.name == context.parameters.get("action") }) else {
                    throw ConsoleRefusal(status: .notFound, message: "No such action.")
                }
                let command = action.command ?? .rebuild(image: env.instances.config.image)
                let (_, op) = try await env.instances.request(command, instanceID: instance.id, orgID: user.orgID)
                return Console.redirect("/console/instances/\(instance.id)" + (op.map { "?op=\($0.id)" } ?? ""))
            }
        }

        router.get("/console/instances/:id/logs") { request, context in
            try await Self.console(request, env: env, renderer: renderer) { user, _ in
                let instance = try await Self.consoleInstance(context, user, env: env)
                var text = "(no logs: the instance has no container now)"
                if let runtime = env.logs?.runtime, let name = env.logs?.containerName(instance.id),
                   try await runtime.inspectContainer(name) != nil {
                    text = try await runtime.logs(name, tail: 500)
                }
                let page = ["id": instance.id, "subdomain": instance.subdomain, "text": text]
                return Console.html(.ok, renderer.page("logs", page, user.layout("Logs", current: "/console/")))
            }
        }

        router.get("/console/instances/:id/logs/follow") { request, context in
            try await Self.console(request, env: env, renderer: renderer) { user, _ in
                let instance = try await Self.consoleInstance(context, user, env: env)
                guard let runtime = env.logs?.runtime, let name = env.logs?.containerName(instance.id),
                      try await runtime.inspectContainer(name) != nil else {
                    throw ConsoleRefusal(status: .notFound, message: "The instance has no container now.")
                }
                let lines = runtime.followLogs(name, tail: 0)
                let headers = Console.secured([.contentType: "text/plain; charset=utf-8", HeaderName("X-Accel-Buffering")!: "no"])
                return Response(status: .ok, headers: headers, body: ResponseBody { writer in try await Self.pipe(lines, into: &writer) })
            }
        }

        router.get("/console/events") { request, _ in
            try await Self.console(request, env: env, renderer: renderer) { user, _ in
                let after = Int64(request.uri.queryParameters.get("since") ?? "") ?? 0
                let stream = EventStream(store: env.store, orgID: user.orgID, after: max(0, after),
                                         appended: env.store.eventBell.subscribe(), heartbeat: env.eventHeartbeat, named: false)
                let headers = Console.secured([.contentType: "text/event-stream; charset=utf-8", HeaderName("X-Accel-Buffering")!: "no"])
                return Response(status: .ok, headers: headers, body: ResponseBody { writer in try await stream.run(&writer) })
            }
        }
    }

    /// The path's instance: the user's org's, any for the admin; another org's is a 404.
    static func consoleInstance(_ context: APIContext, _ user: ConsoleUser, env: APIEnvironment) async throws -> Instance {
        guard let id = context.parameters.get("id"), let instance = try await env.store.instance(id: id, orgID: user.orgID) else {
            throw ConsoleRefusal(status: .notFound, message: "No such instance.")
        }
        return instance
    }

    /// Instances shown per page of the table.
    static let consolePageSize = 100

    static func instancesPage(_ user: ConsoleUser, env: APIEnvironment, renderer: ConsoleRenderer,
                              status: HTTPResponse.Status, error: String?, page number: Int = 1) async throws -> Response {
        struct TierView { var name: String; var price: String }
        struct Page {
            var rows: [ConsoleInstanceView]
            var count: Int
            var balance: String
            var cursor: Int64
            var csrf: String
            var canCreate: Bool
            var showOrg: Bool
            var tiers: [TierView]
            var previous: Int?
            var next: Int?
        }
        let all = try await env.store.listInstances(orgID: user.orgID).filter { $0.status != .deleted }
        let instances = Array(all.dropFirst((number - 1) * consolePageSize).prefix(consolePageSize))
        var balance: Cents?
        if let orgID = user.orgID { balance = try await env.store.org(id: orgID)?.balance }
        let pricing = env.instances.config.policy.pricing
        let page = Page(rows: instances.map { ConsoleInstanceView(ClawInstanceDTO($0, env: env), orgID: $0.orgID) },
                        count: all.count, balance: balance.map(Self.money) ?? "—",
                        cursor: try await ConsoleStore(store: env.store).latestEventID(), csrf: user.csrf,
                        canCreate: !user.isAdmin, showOrg: user.isAdmin,
                        tiers: Tier.allCases.map { TierView(name: $0.rawValue, price: Self.money(pricing.price(for: $0))) },
                        previous: number > 1 ? number - 1 : nil,
                        next: all.count > number * consolePageSize ? number + 1 : nil)
        return Console.html(status, renderer.page("instances", page, user.layout("Instances", current: "/console/", error: error,
                                                                                  events: true)))
    }

    static func money(_ c: Cents) -> String { String(format: "$%.2f", c.dollars) }
}

struct OperationView {
    var id: String
    var kind: String
    var status: String
    var error: String?
    var finished: Bool
    init(_ o: OperationRecord) {
        finished = o.isFinished
        id = o.id
        kind = o.kind
        status = o.status
        error = o.error
    }
}

struct EventView {
    var at: String
    var type: String
    var detail: String
    init(_ e: StoredEvent) {
        at = e.at.iso8601
        type = e.type
        detail = e.dataJSON
    }
}
