@testable import ClawAPI
import ClawCore
import ClawServices
import ClawStore
import ClawTestSupport
import Foundation
import GRDB
import Testing

@Suite("ClawHosters backups and add-ons over the router")
struct HostersBackupRouteTests {
    /// A harness whose environment has a backup service, and a running instance of `org`.
    static func setUp() async throws -> (Harness, BackupService, TestOrg, Instance, Int64) {
        var h = try Harness()
        let service = BackupService(instances: h.service, directory: try TestPaths.makeTempDir("hb") + "/backups",
                                    subscribers: [])
        h.env.backups = service
        let org = try await h.org()
        let (created, _) = try await h.service.create(orgID: org.id, subdomain: "bk-\(UUID().uuidString.prefix(6).lowercased())",
                                                defaultModel: nil, tier: .budget, imConfig: nil)
        try await h.markRunning(created.id)
        let num = try await #require(try h.store.read { db in
            try Int64.fetchOne(db, sql: "SELECT num FROM instances WHERE id = ?", arguments: [created.id])
        })
        return (h, service, org, created, num)
    }

    static func data(_ r: Reply) -> [String: Any] { r["data"] as? [String: Any] ?? [:] }

    @Test("POST /instances/:id/backups queues a manual backup (201); GET lists and shows it with every field")
    func manualAndList() async throws {
        let (h, service, org, instance, num) = try await Self.setUp()
        let other = try await h.org()
        try await h.test { api in
            let created = try await api.call(.post, "/api/v1/instances/\(num)/backups", as: org)
            #expect(created.status == 201, "\(created.text)")
            let b = Self.data(created)
            #expect(b["status"] as? String == "pending" && b["kind"] as? String == "manual")
            #expect(b["instance_id"] as? Int == Int(num))
            #expect(b["size_bytes"] is NSNull && b["completed_at"] is NSNull)
            #expect((b["expires_at"] as? String)?.hasSuffix("Z") == true && (b["created_at"] as? String)?.hasSuffix("Z") == true)
            let id = try #require(b["id"] as? Int)

            let foreign = try await api.call(.post, "/api/v1/instances/\(num)/backups", as: other)
            #expect(foreign.status == 404 && foreign.error["code"] as? String == "not_found")
            let unknown = try await api.call(.post, "/api/v1/instances/\(num)/backups", as: org, json: #"{"x":1}"#)
            #expect(unknown.status == 422 && unknown.error["code"] as? String == "unprocessable_entity")

            let list = try await api.call(.get, "/api/v1/backups?per_page=1", as: org)
            #expect(list.status == 200)
            #expect((list["data"] as? [[String: Any]])?.map { $0["id"] as? Int } == [id])
            let pagination = list["pagination"] as? [String: Any]
            #expect(pagination?["total_count"] as? Int == 1 && pagination?["per_page"] as? Int == 1)
            #expect(((try await api.call(.get, "/api/v1/backups", as: other))["data"] as? [Any])?.isEmpty == true)
            let perInstance = try await api.call(.get, "/api/v1/instances/\(num)/backups", as: org)
            #expect((perInstance["data"] as? [[String: Any]])?.count == 1)

            let one = try await api.call(.get, "/api/v1/backups/\(id)", as: org)
            #expect(one.status == 200 && Self.data(one)["id"] as? Int == id)
            for path in ["/api/v1/backups/\(id)", "/api/v1/backups/abc", "/api/v1/backups/999999"] {
                let missing = try await api.call(.get, path, as: path.hasSuffix("\(id)") ? other : org)
                #expect(missing.status == 404 && missing.error["message"] as? String == "Backup not found")
            }
        }
        await #expect(try service.pendingBackup(instanceID: instance.id) != nil)
    }

    @Test("a stopped-or-running instance only: a pending one answers 422 and nothing is queued")
    func notYet() async throws {
        let (h, service, org, _, _) = try await Self.setUp()
        let (pending, _) = try await h.service.create(orgID: org.id, subdomain: "not-yet", defaultModel: nil, tier: .budget, imConfig: nil)
        let num = try await #require(try h.store.read { db in
            try Int64.fetchOne(db, sql: "SELECT num FROM instances WHERE id = ?", arguments: [pending.id])
        })
        try await h.test { api in
            let r = try await api.call(.post, "/api/v1/instances/\(num)/backups", as: org)
            #expect(r.status == 422, "\(r.text)")
        }
        await #expect(try service.pendingBackup(instanceID: pending.id) == nil)
    }

    @Test("restore: 422 until completed, then 202 with operation_id and Location; the operation is a restore")
    func restore() async throws {
        let (h, service, org, instance, _) = try await Self.setUp()
        let backup = try await service.requestBackup(instanceID: instance.id, orgID: org.id)
        try await h.test { api in
            let early = try await api.call(.post, "/api/v1/backups/\(backup.id)/restore", as: org)
            #expect(early.status == 422 && early.error["code"] as? String == "unprocessable_entity", "\(early.text)")

            let file = "\(instance.id)/\(backup.id).tar"
            try FileManager.default.createDirectory(atPath: service.directory + "/" + instance.id, withIntermediateDirectories: true)
            try Data("tar".utf8).write(to: URL(fileURLWithPath: service.path(file)))
            try await service.complete(backup, file: file, sizeBytes: 3, sha256: try BackupFiles.sha256(service.path(file)).hex)

            let other = try await h.org()
            #expect(try await api.call(.post, "/api/v1/backups/\(backup.id)/restore", as: other).status == 404)
            let accepted = try await api.call(.post, "/api/v1/backups/\(backup.id)/restore", as: org)
            #expect(accepted.status == 202, "\(accepted.text)")
            let op = try #require(Self.data(accepted)["operation_id"] as? String)
            #expect(accepted.header("Location") == "/v1/operations/\(op)")
            await #expect(try h.store.operation(id: op, orgID: org.id)?.kind == "restore")
            let status = try await api.call(.get, "/v1/operations/\(op)", as: org)
            #expect(status.status == 200 && status["kind"] as? String == "restore")
        }
    }

    @Test("add-ons: one backup add-on per instance, validated PATCH that changes nothing on bad input")
    func addons() async throws {
        let (h, _, org, _, num) = try await Self.setUp()
        let other = try await h.org()
        try await h.test { api in
            let list = try await api.call(.get, "/api/v1/addons", as: org)
            let items = try #require(list["data"] as? [[String: Any]])
            #expect(items.count == 1 && items[0]["id"] as? Int == Int(num) && items[0]["type"] as? String == "backup")
            #expect(items[0]["enabled"] as? Bool == false && items[0]["next_run_at"] is NSNull)
            #expect(items[0]["schedule"] as? String == "0 3 * * *" && items[0]["retention_days"] as? Int == 7)

            for body in [#"{"schedule":"every day"}"#, #"{"retention_days":0}"#, #"{"enabled":"yes"}"#, #"{"color":1}"#,
                         #"{"enabled":null}"#, "[1]"] {
                let bad = try await api.call(.patch, "/api/v1/addons/\(num)", as: org, json: body)
                #expect(bad.status == 422, "\(body): \(bad.text)")
            }
            let badSchedule = try await api.call(.patch, "/api/v1/addons/\(num)", as: org, json: #"{"schedule":"61 * * * *"}"#)
            #expect((badSchedule.error["details"] as? [String: Any])?["schedule"] != nil)
            #expect(try await api.call(.patch, "/api/v1/addons/\(num)", as: other, json: #"{"enabled":true}"#).status == 404)
            #expect(Self.data(try await api.call(.get, "/api/v1/addons/\(num)", as: org))["enabled"] as? Bool == false)

            let patched = try await api.call(.patch, "/api/v1/addons/\(num)", as: org,
                                             json: #"{"enabled":true,"schedule":"*/5 * * * *","retention_days":3}"#)
            #expect(patched.status == 200, "\(patched.text)")
            let a = Self.data(patched)
            #expect(a["enabled"] as? Bool == true && a["status"] as? String == "active" && a["retention_days"] as? Int == 3)
            #expect((a["next_run_at"] as? String)?.hasSuffix("Z") == true)
            #expect(try await api.call(.get, "/api/v1/addons/\(num)", as: other).status == 404)
        }
    }

    @Test("without a backup service the routes answer 503 in the dialect's envelope")
    func unavailable() async throws {
        let h = try Harness()
        let org = try await h.org()
        try await h.test { api in
            let r = try await api.call(.get, "/api/v1/backups", as: org)
            #expect(r.status == 503 && r.error["code"] as? String != nil)
        }
    }
}
