import ClawCore
import ClawServices
import ClawStore
import Foundation
import Hummingbird

extension RouterBuilding {
    /// Backups: the org's list with checksums, take one of an instance, restore one.
    static func addConsoleBackupRoutes(_ router: Router<APIContext>, env: APIEnvironment, renderer: ConsoleRenderer) {
        router.get("/console/backups") { request, _ in
            try await Self.console(request, env: env, renderer: renderer) { user, _ in
                try await Self.backupsPage(user, env: env, renderer: renderer, flash: nil)
            }
        }

        router.post("/console/instances/:id/backup") { request, context in
            try await Self.console(request, env: env, renderer: renderer) { user, _ in
                let instance = try await Self.consoleInstance(context, user, env: env)
                let backups = try Self.consoleBackups(env)
                let backup = try await backups.requestBackup(instanceID: instance.id, orgID: user.orgID)
                return try await Self.backupsPage(user, env: env, renderer: renderer,
                                                  flash: "Backup \(backup.id) of \(instance.subdomain) requested.")
            }
        }

        router.post("/console/backups/:id/restore") { request, context in
            try await Self.console(request, env: env, renderer: renderer) { user, _ in
                let backups = try Self.consoleBackups(env)
                guard let id = Int64(context.parameters.get("id") ?? ""),
                      try await backups.backup(id: id, orgID: user.orgID) != nil else {
                    throw ConsoleRefusal(status: .notFound, message: "No such backup.")
                }
                let (backup, op) = try await backups.requestRestore(backupID: id, orgID: user.orgID)
                return Console.redirect("/console/instances/\(backup.instanceID)?op=\(op.id)")
            }
        }
    }

    static func consoleBackups(_ env: APIEnvironment) throws -> BackupService {
        guard let backups = env.backups else { throw ConsoleRefusal(status: .serviceUnavailable, message: "Backups are not available in this clawd.") }
        return backups
    }

    static func backupsPage(_ user: ConsoleUser, env: APIEnvironment, renderer: ConsoleRenderer, flash: String?) async throws -> Response {
        struct BackupView {
            var id: Int64
            var instanceID: String
            var kind: String
            var status: String
            var size: String
            var sha256: String
            var created: String
            var restorable: Bool
        }
        struct Page { var backups: [BackupView]; var csrf: String }
        let (records, _) = try await consoleBackups(env).list(orgID: user.orgID, offset: 0, limit: 100)
        let page = Page(backups: records.map {
            BackupView(id: $0.id, instanceID: $0.instanceID, kind: $0.kind.rawValue, status: $0.status.rawValue,
                       size: $0.sizeBytes.map { "\($0) bytes" } ?? "—", sha256: $0.sha256 ?? "—", created: $0.createdAt.iso8601,
                       restorable: $0.status == .completed)
        }, csrf: user.csrf)
        return Console.html(.ok, renderer.page("backups", page, user.layout("Backups", current: "/console/backups", flash: flash)))
    }
}
