import ClawClient
import ClawCore
import ClawDaemon
import ClawTestSupport
import ClawWire
import Foundation
import Testing

extension E2E {
    @Suite("crash matrix: clawd dies at every crash point and converges after a restart")
    struct CrashMatrix {
        enum Operation: String { case create, rebuild, delete }

        /// The operation that reaches `point`. Exhaustive: a new crash point must be added here.
        static func operation(_ point: CrashPoint) -> Operation {
            switch point {
            case .afterIntent, .afterVolume, .afterContainerCreated, .afterContainerStarted: .create
            case .midRebuild: .rebuild
            case .midDelete: .delete
            }
        }

        @Test("die at the crash point, restart without it: intended state, one container + one volume (none after delete), one charge",
              arguments: CrashPoint.allCases)
        func crashAndRecover(_ point: CrashPoint) async throws {
            let operation = Self.operation(point)
            try await E2EInstall.with { install in
                let first = try await install.start(environment: [CrashPoint.environmentVariable: point.rawValue])
                let org = try await install.makeOrg("crash-\(install.installID)", creditCents: 10_000)
                let claw = install.claw(org)
                let subdomain = "crash-\(E2E.suffix())"

                // The crash may come before the answer is written: a lost answer is fine, the row decides.
                var id: String?
                var marker: String?
                var generationBefore: Int?
                if operation == .create {
                    id = (try? await claw.create(subdomain)).flatMap { try? $0.json()["id"] as? String }
                } else {
                    let created = try await claw.create(subdomain)
                    #expect(created.status == 201, "\(created.text)")
                    let instanceID = try #require(try created.json()["id"] as? String)
                    id = instanceID
                    try await claw.waitStatus(instanceID, "RUNNING")
                    generationBefore = try await install.generation(instanceID)
                    marker = "marker-\(UUID().uuidString)"
                    try Data(marker!.utf8).write(to: URL(fileURLWithPath: try await install.volumeMountpoint(instanceID) + "/m.txt"))
                    let path = "/v1/claw/instances/\(instanceID)" + (operation == .rebuild ? "/rebuild" : "")
                    _ = try? await claw.send(operation == .rebuild ? "POST" : "DELETE", path,
                                             operation == .rebuild ? Data("{}".utf8) : nil)
                }

                let code = await first.waitExit(timeout: .seconds(90))
                #expect(code == 137, "clawd did not die at \(point.rawValue): exit \(String(describing: code))")
                #expect(first.stderr.contains("crash point \(point.rawValue) reached"), "no crash line in stderr")

                // Restart WITHOUT the crash point on the same data directory.
                try await install.start()
                let claw2 = install.claw(org)
                if id == nil {
                    let rows = try await claw2.list()
                    id = rows.first { $0.subdomain == subdomain }?.id
                }
                let instanceID = try #require(id, "no instance with subdomain \(subdomain) after restart")

                if operation == .delete {
                    try await claw2.waitStatus(instanceID, "DELETED")
                    try await eventually("no container and no volume left for \(instanceID)") {
                        let c = try await install.containers(instance: instanceID)
                        let v = try await install.volumes(instance: instanceID)
                        return c.isEmpty && v.isEmpty ? true : nil
                    }
                } else {
                    try await claw2.waitStatus(instanceID, "RUNNING")
                    try await eventually("one running container and one volume for \(instanceID)", timeout: .seconds(120)) { () async throws -> Bool? in
                        let c = try await install.containers(instance: instanceID)
                        let v = try await install.volumes(instance: instanceID)
                        guard c.count == 1, c[0].state == .running, v.count == 1 else { return nil }
                        if let before = generationBefore {
                            guard let g = c[0].labels[RuntimeNames.generationLabel].flatMap({ Int($0) }), g > before else { return nil }
                        }
                        return true
                    }
                    _ = try await ClientFlow.answers(try #require(E2E.port(of: try await claw2.instance(instanceID).url)))
                    if let marker {
                        let kept = try? String(contentsOfFile: try await install.volumeMountpoint(instanceID) + "/m.txt", encoding: .utf8)
                        #expect(kept == marker, "the rebuild interrupted at \(point.rawValue) lost the volume's file")
                    }
                }

                // Every operation of the instance finished, and the one that was cut short succeeded.
                let ops = try await eventually("operations of \(instanceID) finished") {
                    let rows = try await install.sql("SELECT kind, status FROM operations WHERE instance_id = '\(instanceID)' ORDER BY created_at, rowid")
                    return rows.allSatisfy { $0.count == 2 && ($0[1] == "succeeded" || $0[1] == "failed") } ? rows : nil
                }
                #expect(ops.last?.last == "succeeded", "operations: \(ops)")

                let containers = try await install.containers(instance: instanceID)
                let volumes = try await install.volumes(instance: instanceID)
                let expected = operation == .delete ? 0 : 1
                #expect(containers.count == expected && volumes.count == expected,
                        "\(containers.map(\.name)) \(volumes.map(\.name))")
                let ledger = try await install.ledger(instance: instanceID)
                #expect(ledger.charges == 1 && ledger.refunds == 0, "ledger of \(instanceID): \(ledger)")
                #expect(try await install.balanceCents(org) == 10_000 - 2000)
            }
        }
    }
}
