import ClawCore
import ClawServices
import ClawStore
import ClawWire
import Hummingbird

extension RouterBuilding {
    /// Backups and the `backup` add-on of the ClawHosters dialect (docs/spec/api-hosters.md). Requests only
    /// write intent (a pending backup, a restore operation, the add-on's settings); the instance's
    /// worker does the runtime work.
    static func addHostersBackupRoutes(_ router: Router<APIContext>, env: APIEnvironment) {
        let store = env.store
        let api = router.group("/api/v1")
        @Sendable func service() throws -> BackupService {
            guard let backups = env.backups else { throw ClawError(.unavailable, "backups are not available") }
            return backups
        }

        api.get("/backups") { request, context in
            let page = try HostersPage(request)
            let (backups, total) = try await service().list(orgID: context.orgID, offset: page.offset, limit: page.perPage)
            return Hosters.list(backups.map { HostersBackupDTO(backup: $0) }, page: page, totalCount: total)
        }

        api.get("/backups/:id") { _, context in
            await Hosters.data(HostersBackupDTO(backup: try Self.hostersBackup(context, try service())))
        }

        api.post("/backups/:id/restore") { request, context in
            try await JSONBody.requireEmpty(request, context: context)
            let backup = try await Self.hostersBackup(context, try service())
            let (restored, op) = try await service().requestRestore(backupID: backup.id, orgID: context.orgID)
            return Hosters.data(HostersBackupDTO(backup: restored, operationID: op.id), status: .accepted,
                                headers: [.location: "/v1/operations/\(op.id)"])
        }

        api.get("/instances/:id/backups") { request, context in
            let page = try HostersPage(request)
            let record = try await Hosters.instance(context, store: store)
            let (backups, total) = try await service().list(orgID: context.orgID, instanceID: record.instance.id,
                                                      offset: page.offset, limit: page.perPage)
            return Hosters.list(backups.map { HostersBackupDTO(backup: $0) }, page: page, totalCount: total)
        }

        api.post("/instances/:id/backups") { request, context in
            try await JSONBody.requireEmpty(request, context: context)
            let record = try await Hosters.instance(context, store: store)
            let backup = try await service().requestBackup(instanceID: record.instance.id, orgID: context.orgID)
            // The backup itself is what a client follows until it is completed or failed.
            return Hosters.data(HostersBackupDTO(backup: backup), status: .created,
                                headers: [.location: "/api/v1/backups/\(backup.id)"])
        }

        api.get("/addons") { request, context in
            let page = try HostersPage(request)
            let (addons, total) = try await service().addons(orgID: context.orgID, offset: page.offset, limit: page.perPage)
            return Hosters.list(addons.map { HostersAddonDTO(addon: $0) }, page: page, totalCount: total)
        }

        api.get("/addons/:id") { _, context in
            await Hosters.data(HostersAddonDTO(addon: try Self.hostersAddon(context, try service())))
        }

        api.patch("/addons/:id") { request, context in
            let body = try await JSONBody.decode(HostersAddonPatch.self, request, context: context)
            let schedule = try FieldRules.text(body.schedule.patch ?? nil, "schedule", maxLength: 200)
            let days = try FieldRules.integer(body.retentionDays.patch ?? nil, "retention_days", range: 1...3650)
            for (field, isNull) in [("enabled", body.enabled == .null), ("schedule", body.schedule == .null),
                                    ("retention_days", body.retentionDays == .null)] where isNull {
                throw HostersError.validation(field, "must not be null")
            }
            let enabled = body.enabled.patch ?? nil
            let addon = try await Self.hostersAddon(context, try service())
            let updated = try await service().updateAddon(id: addon.id, orgID: context.orgID, enabled: enabled, schedule: schedule,
                                                    retentionDays: days)
            return Hosters.data(HostersAddonDTO(addon: updated))
        }
    }

    /// The backup named by `:id` (an integer), scoped to the caller's org: else 404 "Backup not found".
    static func hostersBackup(_ context: APIContext, _ service: BackupService) async throws -> BackupRecord {
        guard let id = Hosters.instanceNumber(context.parameters.get("id")),
              let backup = try await service.backup(id: id, orgID: context.orgID) else {
            throw HostersError.notFound("Backup")
        }
        return backup
    }

    /// The add-on named by `:id`, scoped to the caller's org: else 404 "Add-on not found".
    static func hostersAddon(_ context: APIContext, _ service: BackupService) async throws -> BackupAddon {
        guard let id = Hosters.instanceNumber(context.parameters.get("id")),
              let addon = try await service.addon(id: id, orgID: context.orgID) else {
            throw HostersError.notFound("Add-on")
        }
        return addon
    }
}
