import ClawCore
import ClawStore
import Foundation
import Hummingbird

extension RouterBuilding {
    /// The org's agents: groups, recent runs with their output, schedules (pause/resume), chat
    /// channels with their health, and chats.
    static func addConsoleAgentRoutes(_ router: Router<APIContext>, env: APIEnvironment, renderer: ConsoleRenderer) {
        router.get("/console/agents") { request, _ in
            try await Self.console(request, env: env, renderer: renderer) { user, _ in
                try await Self.agentsPage(user, env: env, renderer: renderer)
            }
        }

        router.post("/console/schedules/:id/:state") { request, context in
            try await Self.console(request, env: env, renderer: renderer) { user, _ in
                guard let runs = env.containerRuns?.runs else {
                    throw ConsoleRefusal(status: .serviceUnavailable, message: "Agent runs are not available in this clawd.")
                }
                let id = context.parameters.get("id") ?? ""
                guard try await runs.schedule(id: id, orgID: user.orgID) != nil else {
                    throw ConsoleRefusal(status: .notFound, message: "No such schedule.")
                }
                var fields = ScheduleFields()
                switch context.parameters.get("state") {
                case "pause": fields.enabled = false
                case "resume": fields.enabled = true
                default: throw ConsoleRefusal(status: .notFound, message: "No such change.")
                }
                _ = try await runs.updateSchedule(id: id, orgID: user.orgID, fields)
                return Console.redirect("/console/agents")
            }
        }
    }

    static func agentsPage(_ user: ConsoleUser, env: APIEnvironment, renderer: ConsoleRenderer) async throws -> Response {
        struct GroupView { var name: String; var chats: String; var main: Bool }
        struct RunView { var id: String; var group: String; var kind: String; var status: String; var created: String; var output: String }
        struct ScheduleView { var id: String; var name: String; var group: String; var next: String; var enabled: Bool; var status: String }
        struct ChannelView { var name: String; var status: String; var attempts: Int; var lastError: String }
        struct ChatView { var jid: String; var title: String; var group: String }
        struct Page {
            var groups: [GroupView]
            var runs: [RunView]
            var schedules: [ScheduleView]
            var channels: [ChannelView]
            var chats: [ChatView]
            var csrf: String
        }
        var page = Page(groups: [], runs: [], schedules: [], channels: [], chats: [], csrf: user.csrf)
        if let runs = env.containerRuns?.runs {
            page.groups = try await runs.groups(orgID: user.orgID).map {
                GroupView(name: $0.name, chats: $0.chatJids.joined(separator: ", "), main: $0.isMain)
            }
            page.runs = try await runs.runs(orgID: user.orgID, limit: 50).map {
                RunView(id: $0.id, group: $0.group, kind: $0.kind.rawValue, status: $0.status.rawValue, created: $0.createdAt.iso8601,
                        output: $0.output ?? $0.error ?? "")
            }
            page.schedules = try await runs.schedules(orgID: user.orgID).map {
                ScheduleView(id: $0.id, name: $0.name, group: $0.group, next: $0.nextRun?.iso8601 ?? "—", enabled: $0.enabled,
                             status: $0.status.rawValue)
            }
        }
        if let channels = env.channels?.store {
            page.channels = try await channels.channels(orgID: user.orgID).map {
                ChannelView(name: $0.platform.rawValue, status: $0.status.rawValue, attempts: $0.attempts, lastError: $0.lastError ?? "")
            }
            page.chats = try await channels.chats(orgID: user.orgID).map {
                ChatView(jid: $0.jid, title: $0.title, group: $0.namespace ?? "—")
            }
        }
        return Console.html(.ok, renderer.page("agents", page, user.layout("Agents", current: "/console/agents")))
    }
}
