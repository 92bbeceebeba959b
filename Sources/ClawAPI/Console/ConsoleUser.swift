import ClawCore
import ClawStore
import Hummingbird

/// The signed-in caller of a console request: its session and what it may see.
struct ConsoleUser: Sendable {
    var token: String
    var session: ConsoleSession
    /// The org's name (or "host admin").
    var who: String

    var orgID: String? { session.orgID }
    var isAdmin: Bool { session.isAdmin }
    var csrf: String { session.csrf }

    /// The session of the request's cookie; nil when there is none or it has ended.
    static func of(_ request: Request, env: APIEnvironment) async throws -> ConsoleUser? {
        guard let token = Console.cookieValue(request, Console.cookie),
              let session = try await ConsoleStore(store: env.store).session(token) else { return nil }
        let who: String
        if let org = session.orgID {
            guard let record = try await env.store.org(id: org) else { return nil }
            who = record.name
        } else {
            who = "host admin"
        }
        return ConsoleUser(token: token, session: session, who: who)
    }

    func layout(_ title: String, current: String, flash: String? = nil, error: String? = nil,
                events: Bool = false) -> ConsoleRenderer.Layout {
        var items = [("/console/", "Instances"), ("/console/backups", "Backups"), ("/console/agents", "Agents"),
                     ("/console/billing", "Billing"), ("/console/keys", "API keys")]
        if isAdmin { items = [("/console/", "Instances"), ("/console/admin", "Host")] }
        let nav = ConsoleRenderer.Layout.Nav(
            items: items.map { .init(href: $0.0, label: $0.1, current: $0.0 == current) }, who: who, csrf: csrf)
        return .init(title: title, nav: nav, flash: flash, error: error, events: events ? "/console/events" : nil)
    }
}
