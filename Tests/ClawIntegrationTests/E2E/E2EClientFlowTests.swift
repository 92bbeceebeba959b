import ClawClient
import ClawTestSupport
import ClawWire
import Foundation
import Testing

extension E2E {
    @Suite("client flow through HTTP only")
    struct ClientFlow {
        @Test("org + key via the socket, create → RUNNING → URL answers → PATCH (secret not in inspect) → rebuild keeps the volume and bumps the generation → 11th rebuild 429 → DELETE removes container and volume")
        func clientFlow() async throws {
            try await E2EInstall.with { install in
                try await install.start()
                let org = try await install.makeOrg("flow-\(install.installID)", creditCents: 10_000)
                let claw = install.claw(org)

                // Create: 201, charged, an operation to follow.
                let created = try await claw.create("flow-\(E2E.suffix())", extra: ["defaultModel": "claude-opus-4-6"])
                #expect(created.status == 201, "\(created.text)")
                let c = try created.decode(ClawChargeDTO.self)
                let id = c.id
                #expect(c.status == "PENDING")
                #expect(c.charged == true)
                #expect(c.chargedAmount == 20)
                let createOp = try #require(c.operationId, "no operationId: \(created.text)")
                #expect(created.header("Location") == "/v1/operations/\(createOp)")

                let running = try await claw.waitStatus(id, "RUNNING")
                let port = try #require(E2E.port(of: running.url), "url: \(running.url)")
                #expect(install.portRange.contains(port))
                #expect(try await claw.waitOperation(createOp).status == "succeeded")
                let page = try await Self.answers(port)
                #expect(page.text.contains(id), "the instance page does not name it: \(page.text)")

                // PATCH: model and IM config; the secret goes to a 0600 file in the volume, never to inspect.
                let secret = "tg-secret-\(UUID().uuidString)"
                let patch = PatchInstanceRequest(defaultModel: .value("gpt-5.2"), imConfig: .value(["telegramToken": .string(secret)]))
                let patched = try await claw.send("PATCH", "/v1/claw/instances/\(id)", try Wire.encode(patch))
                #expect(patched.status == 200, "\(patched.text)")
                let p = try patched.decode(ClawInstanceDTO.self)
                #expect(p.hasIMConfig == true)
                #expect(p.defaultModel == "gpt-5.2")
                #expect(!patched.text.contains(secret), "PATCH answer shows the secret")
                if let op = p.operationId {
                    #expect(try await claw.waitOperation(op).status == "succeeded")
                }
                try await claw.waitStatus(id, "RUNNING")
                let name = E2EInstall.containerName(id)
                let inspect = try await eventually("the recreated container carries the new model") {
                    let text = try await install.podman(["inspect", name])
                    return text.contains("CLAW_DEFAULT_MODEL=gpt-5.2") ? text : nil
                }
                #expect(!inspect.contains(secret), "the IM secret shows in podman inspect")
                #expect(!(try await claw.send("GET", "/v1/claw/instances/\(id)").text.contains(secret)))
                let mount = try await install.volumeMountpoint(id)
                let secretFile = mount + "/secrets/im-config.json"
                #expect(((try? String(contentsOfFile: secretFile, encoding: .utf8)) ?? "").contains(secret))
                let mode = (try FileManager.default.attributesOfItem(atPath: secretFile)[.posixPermissions] as? NSNumber)?.intValue
                #expect(mode == 0o600, "secrets file mode \(String(mode ?? -1, radix: 8))")

                // A file written into the volume survives every rebuild; each rebuild bumps the generation.
                let marker = "marker-\(UUID().uuidString)"
                try Data(marker.utf8).write(to: URL(fileURLWithPath: mount + "/e2e-marker.txt"))
                for n in 1...10 {
                    let before = try #require(try await install.generation(id), "no container before rebuild \(n)")
                    let r = try await claw.send("POST", "/v1/claw/instances/\(id)/rebuild", json: [:])
                    #expect(r.status == 202 || r.status == 200, "rebuild \(n): \(r.status) \(r.text)")
                    let op = try #require(try r.decode(ClawInstanceDTO.self).operationId, "rebuild \(n): \(r.text)")
                    let finished = try await claw.waitOperation(op)
                    #expect(finished.status == "succeeded", "rebuild \(n): \(finished)")
                    let after = try await claw.waitStatus(id, "RUNNING")
                    #expect(after.rebuildsLeftToday == 10 - n)
                    let generation = try #require(try await install.generation(id), "no container after rebuild \(n)")
                    #expect(generation > before, "rebuild \(n): generation \(before) → \(generation)")
                    let kept = try? String(contentsOfFile: mount + "/e2e-marker.txt", encoding: .utf8)
                    #expect(kept == marker, "rebuild \(n) lost the volume's file")
                }
                #expect(try await claw.instance(id).canRebuild == false)
                _ = try await Self.answers(port)

                let refused = try await claw.send("POST", "/v1/claw/instances/\(id)/rebuild", json: [:])
                #expect(refused.status == 429, "11th rebuild: \(refused.status) \(refused.text)")
                #expect(E2E.envelope(refused)?.type == "rate_limit_exceeded", "\(refused.text)")
                let retry = try #require(refused.header("Retry-After").flatMap { Int($0) }, "no Retry-After")
                #expect((1...86_400).contains(retry))

                // DELETE: DELETED, container and volume gone from podman ps -a / podman volume ls.
                let deleted = try await claw.send("DELETE", "/v1/claw/instances/\(id)")
                #expect(deleted.status == 200, "\(deleted.text)")
                if let op = try deleted.decode(ClawInstanceDTO.self).operationId {
                    #expect(try await claw.waitOperation(op).status == "succeeded")
                }
                try await claw.waitStatus(id, "DELETED")
                try await eventually("container and volume gone from podman ps -a / volume ls") {
                    let names = try await install.podmanNames()
                    return names.containers.contains(name) || names.volumes.contains(E2EInstall.volumeName(id)) ? nil : true
                }
                let ledger = try await install.ledger(instance: id)
                #expect(ledger.charges == 1 && ledger.refunds == 0, "\(ledger)")
                #expect(try await install.balanceCents(org) == 10_000 - 2000)
            }
        }

        /// Polls the instance's published port until `GET /` answers 200.
        static func answers(_ port: Int) async throws -> ClawClient.Reply {
            let client = ClawClient(endpoint: .tcp(host: "127.0.0.1", port: port))
            return try await eventually("the instance answers HTTP 200 on \(port)") {
                guard let r = try? await client.request("GET", "/", timeout: .seconds(3)), r.status == 200 else { return nil }
                return r
            }
        }
    }
}
