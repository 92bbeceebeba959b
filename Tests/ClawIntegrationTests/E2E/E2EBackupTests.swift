import ClawClient
import ClawCore
import ClawTestSupport
import ClawWire
import Foundation
import Testing

extension E2E {
    @Suite("backups over the ClawHosters API")
    struct Backups {
        static let state = "/home/node/.openclaw"

        static func exec(_ install: E2EInstall, _ id: String, _ script: String) async throws -> String {
            let r = try await install.cli.run(["exec", RuntimeNames.container(id), "sh", "-c", script], timeout: .seconds(30))
            guard r.succeeded else { throw ClawError(.runtime, "exec failed: \(r.diagnosticTail())") }
            return r.stdout
        }

        static func data(_ reply: ClawClient.Reply) throws -> [String: Any] {
            try #require(try reply.json()["data"] as? [String: Any], "\(reply.status) \(reply.text)")
        }

        @Test("the built clawd: POST a backup, change the volume, restore: the original is back and the instance runs; a tampered archive is refused and changes nothing")
        func roundTrip() async throws {
            try await E2EInstall.with { install in
                try await install.start()
                let org = try await install.makeOrg("bk-\(install.installID)", creditCents: 10_000)
                let api = install.claw(org)
                let created = try await api.create("bk-\(E2E.suffix())")
                let id = try #require(try created.json()["id"] as? String, "\(created.text)")
                _ = try await api.waitStatus(id, "RUNNING")
                let listed = try await api.send("GET", "/api/v1/instances")
                let num = try #require((try listed.json()["data"] as? [[String: Any]])?.first?["id"] as? Int, "\(listed.text)")
                _ = try await Self.exec(install, id, "echo original > \(Self.state)/note.txt")

                let posted = try await api.send("POST", "/api/v1/instances/\(num)/backups")
                #expect(posted.status == 201, "\(posted.text)")
                let backupID = try #require(try Self.data(posted)["id"] as? Int)
                let backup = try await eventually("backup completed", timeout: .seconds(120)) { () -> [String: Any]? in
                    let b = try Self.data(try await api.send("GET", "/api/v1/backups/\(backupID)"))
                    return b["status"] as? String == "pending" ? nil : b
                }
                #expect(backup["status"] as? String == "completed", "\(backup)")
                #expect((backup["size_bytes"] as? Int ?? 0) > 0)
                let archive = install.dir + "/data/backups/\(id)/\(backupID).tar"
                #expect(FileManager.default.fileExists(atPath: archive))

                _ = try await Self.exec(install, id, "echo changed > \(Self.state)/note.txt")
                let restore = try await api.send("POST", "/api/v1/backups/\(backupID)/restore")
                #expect(restore.status == 202, "\(restore.text)")
                let op = try #require(try Self.data(restore)["operation_id"] as? String)
                #expect(try await api.waitOperation(op).status == "succeeded")
                _ = try await api.waitStatus(id, "RUNNING")
                #expect(try await Self.exec(install, id, "cat \(Self.state)/note.txt") == "original\n")

                var bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
                bytes[bytes.count / 2] ^= 0x55
                try bytes.write(to: URL(fileURLWithPath: archive))
                _ = try await Self.exec(install, id, "echo kept > \(Self.state)/note.txt")
                let tampered = try await api.send("POST", "/api/v1/backups/\(backupID)/restore")
                #expect(tampered.status == 202, "\(tampered.text)")
                let refused = try await api.waitOperation(try #require(try Self.data(tampered)["operation_id"] as? String))
                #expect(refused.status == "failed")
                #expect(refused.error?.contains("checksum") == true, "\(refused)")
                #expect(try await Self.exec(install, id, "cat \(Self.state)/note.txt") == "kept\n")
            }
        }
    }
}
