import ClawClient
import ClawTestSupport
import ClawWire
import Foundation
import Testing

extension E2E {
    /// What clients of the three dialects and of clawctl expect and clawd must keep: the built
    /// `clawd` and `clawctl` over real sockets and real podman.
    @Suite("compatibility: key prefixes, global options, admin nulls, nested imConfig, admin-only image")
    struct Compat {
        @Test("clawctl takes --json and --socket before or after the subcommand; an oc_live_ key works over /api/v1 and /v1/claw with Bearer and X-API-Key; admin answers write null")
        func keysOptionsNulls() async throws {
            try Clawctl.requireBinary()
            try await E2EInstall.with { install in
                let daemon = try await install.start()
                let socket = daemon.socketPath
                let ctl = Clawctl(socket: nil)

                // Global options anywhere on the command line, and the same answer each way.
                for argv in [["--json", "--socket", socket, "status"], ["status", "--json", "--socket", socket],
                             ["--socket=\(socket)", "status", "--json"], ["--socket", socket, "--json", "status"]] {
                    let r = try await ctl.run(argv)
                    #expect(r.code == 0, "\(argv): \(r)")
                    #expect((try? r.json())?["instancesByStatus"] != nil, "\(argv): not the JSON answer: \(r.stdout)")
                }
                let org = try #require(try await ctl.run("--socket", socket, "org", "--json", "create", "compat-\(install.installID)")
                    .json()["id"] as? String)
                let shown = try await ctl.run("--json", "org", "show", org, "--socket", socket)
                #expect(shown.code == 0, "\(shown)")
                #expect(try shown.json()["id"] as? String == org, "\(shown)")
                let unknown = try await ctl.run("--socket", socket, "--jsn", "status")
                #expect(unknown.code == 2 && unknown.stderr.contains("--jsn"), "\(unknown)")

                // Admin answers write every optional field, null when absent.
                let orgJSON = try shown.json()
                #expect(orgJSON.keys.contains("email") && orgJSON["email"] is NSNull, "\(orgJSON)")
                let credited = try await daemon.admin.post("/admin/orgs/\(org)/credit", CreditOrgRequest(amountCents: 5000))
                #expect(credited.status == 200)

                // A ClawHosters-style key: oc_live_ + hex, no doubled separator.
                let made = try await ctl.run("key", "create", org, "--prefix", "oc_live_", "--json", "--socket", socket)
                #expect(made.code == 0, "\(made)")
                let keyJSON = try made.json()
                let secret = try #require(keyJSON["key"] as? String)
                #expect(secret.hasPrefix("oc_live_") && !secret.hasPrefix("oc_live__"), "\(secret)")
                #expect(keyJSON["prefix"] as? String == "oc_live_")
                for field in ["name", "expiresAt", "revokedAt"] {
                    #expect(keyJSON.keys.contains(field) && keyJSON[field] is NSNull, "\(field): \(keyJSON)")
                }
                let listed = try await daemon.admin.get("/admin/orgs/\(org)/keys").json()
                let row = try #require((listed["keys"] as? [[String: Any]])?.first)
                #expect(row.keys.contains("key") && row["key"] is NSNull, "the secret is null in the list: \(row)")
                let short = try await ctl.run("key", "create", org, "--prefix", "oclive", "--json", "--socket", socket).json()
                #expect((short["key"] as? String)?.hasPrefix("oclive_") == true)
                for bad in ["_oc", "OC_live", "oc-live", String(repeating: "a", count: 17)] {
                    let r = try await daemon.admin.post("/admin/orgs/\(org)/keys", CreateKeyRequest(prefix: bad))
                    #expect(r.status == 400 && r.text.contains("prefix"), "\(bad): \(r.status) \(r.text)")
                }

                let tcp = daemon.tcp
                for header in [("Authorization", "Bearer \(secret)"), ("X-API-Key", secret)] {
                    let account = try await tcp.get("/api/v1/account", headers: [header])
                    #expect(account.status == 200, "\(header.0): \(account.text)")
                    #expect(((try? account.json())?["data"] as? [String: Any])?["id"] as? String == org)
                    let claw = try await tcp.get("/v1/claw/instances", headers: [header])
                    #expect(claw.status == 200, "\(header.0): \(claw.text)")
                }
                let wrong = try await tcp.get("/api/v1/account", headers: [("Authorization", "Bearer oc_live_" + String(secret.dropFirst(8).reversed()))])
                #expect(wrong.status == 401)
            }
        }

        @Test("clawctl instance create --image runs the instance on that image; a nested imConfig PATCHed over TCP is the secrets file and feeds telegram_configured / llm_configured")
        func imageAndNestedIMConfig() async throws {
            try Clawctl.requireBinary()
            try await E2EInstall.with { install in
                let daemon = try await install.start()
                let ctl = Clawctl(socket: daemon.socketPath)
                let org = try await install.makeOrg("img-\(install.installID)", creditCents: 10_000)
                let alt = "localhost/clawd-instance:alt-\(install.installID)"
                _ = try await install.podman(["tag", E2EInstall.image, alt])
                defer { (try? Process.run(URL(fileURLWithPath: "/usr/bin/env"), arguments: ["podman", "rmi", alt]))?.waitUntilExit() }

                let bad = try await ctl.run("instance", "create", "--org", org.id, "--subdomain", "img\(E2E.suffix())",
                                            "--image", "bad image")
                #expect(bad.code == 2 && bad.isOneErrorLine && bad.stderr.contains("image"), "\(bad)")
                let sub = "img\(E2E.suffix())"
                let created = try await ctl.run("instance", "create", "--org", org.id, "--subdomain", sub, "--image", alt,
                                                "--wait", "--json")
                #expect(created.code == 0, "\(created)")
                let id = try #require(try created.json()["id"] as? String)
                let image = try await install.podman(["inspect", "--format", "{{.ImageName}}", E2EInstall.containerName(id)])
                #expect(image.trimmingCharacters(in: .whitespacesAndNewlines) == alt)

                // LemonData clients send nested IM configs.
                let claw = install.claw(org)
                let patched = try await claw.send("PATCH", "/v1/claw/instances/\(id)",
                                                  json: ["imConfig": ["telegram": ["botToken": "42:secret"], "llm": ["apiKey": "sk-x"]]])
                #expect(patched.status == 200, "\(patched.text)")
                #expect((try patched.json())["hasIMConfig"] as? Bool == true && !patched.text.contains("42:secret"))
                if let op = (try patched.json())["operationId"] as? String { try await claw.waitOperation(op) }
                let number = try #require(try await install.sql("SELECT num FROM instances WHERE id = '\(id)'").first?.first)
                let detail = try await claw.send("GET", "/api/v1/instances/\(number)")
                let data = try #require((try detail.json())["data"] as? [String: Any], "\(detail.text)")
                #expect(data["telegram_configured"] as? Bool == true && data["llm_configured"] as? Bool == true, "\(data)")
                #expect(!detail.text.contains("42:secret") && !detail.text.contains("sk-x"))
                _ = try await eventually("the secrets file holds the nested config") {
                    let path = try await install.volumeMountpoint(id) + "/secrets/im-config.json"
                    let text = try? String(contentsOfFile: path, encoding: .utf8)
                    return text == #"{"llm":{"apiKey":"sk-x"},"telegram":{"botToken":"42:secret"}}"# ? true : nil
                }
                let recreated = try await install.podman(["inspect", "--format", "{{.ImageName}}", E2EInstall.containerName(id)])
                #expect(recreated.trimmingCharacters(in: .whitespacesAndNewlines) == alt, "the new generation keeps the image")
                let notObject = try await claw.send("PATCH", "/v1/claw/instances/\(id)", json: ["imConfig": ["a", "b"]])
                #expect(notObject.status == 400 && notObject.text.contains("imConfig"), "\(notObject.text)")
            }
        }
    }
}
