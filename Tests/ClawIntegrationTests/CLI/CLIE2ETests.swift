import ClawClient
import ClawTestSupport
import Foundation
import Testing

extension E2E {
    /// The built `clawctl` against one built `clawd` on real podman, with one instance: every
    /// command's human and `--json` output and exit codes, `logs --follow` seeing a line the
    /// instance writes, `create --wait` ending at RUNNING, and the previous generation's logs
    /// after a rebuild.
    @Suite("clawctl against the built clawd")
    struct CLI {
        @Test("status, doctor, org, key, ledger, events and reconcile: tables, --json and exit codes")
        func adminCommands() async throws {
            try Clawctl.requireBinary()
            try await E2EInstall.with { install in
                let daemon = try await install.start()
                let ctl = Clawctl(socket: daemon.socketPath)

                let status = try await ctl.run("status")
                #expect(status.code == 0, "\(status)")
                for key in ["version:", "uptime:", "runtime:", "podman", "database:", "instances:", "next deadline:"] {
                    #expect(status.stdout.contains(key), "status lacks \(key):\n\(status.stdout)")
                }
                #expect(!status.stdout.contains("\u{1B}["), "colour codes without a TTY")
                let statusJSON = try await ctl.run("status", "--json").json()
                #expect(statusJSON["version"] as? String != nil && statusJSON["instancesByStatus"] != nil)

                let doctor = try await ctl.run("doctor")
                #expect(doctor.code == 0, "\(doctor)")
                for name in ["socket", "daemon", "runtime", "database", "image", "systemd"] {
                    #expect(doctor.stdout.split(separator: "\n").contains { $0.contains(" \(name) ") || $0.hasPrefix("ok   \(name)") },
                            "doctor lacks \(name):\n\(doctor.stdout)")
                }
                let doctorJSON = try await ctl.run("doctor", "--json").json()
                #expect((doctorJSON["checks"] as? [[String: Any]])?.contains { $0["name"] as? String == "image" && $0["status"] as? String == "ok" } == true)

                // org create / list / show / credit
                let name = "cli-\(E2E.suffix())"
                let created = try await ctl.run("org", "create", name, "--email", "ops@cli.test")
                #expect(created.code == 0, "\(created)")
                #expect(created.stdout.contains("name:    \(name)") && created.stdout.contains("balance: $0.00"), "\(created.stdout)")
                let orgID = try #require(created.stdout.split(separator: "\n").first { $0.hasPrefix("id:") }?
                    .split(separator: " ").last.map(String.init))
                let dup = try await ctl.run("org", "create", name)
                #expect(dup.code == 1 && dup.isOneErrorLine, "\(dup)")
                let list = try await ctl.run("org", "list")
                let lines = list.stdout.split(separator: "\n")
                #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true) == ["ID", "NAME", "EMAIL", "BALANCE", "CREATED"])
                #expect(lines.contains { $0.hasPrefix(orgID) && $0.contains(name) && $0.contains("$0.00") }, "\(list.stdout)")
                let listJSON = try await ctl.run("org", "list", "--json").json()
                let apiList = try await daemon.admin.get("/admin/orgs").json()
                #expect(NSDictionary(dictionary: listJSON).isEqual(to: apiList), "--json is not the API's answer")
                #expect(try await ctl.run("org", "show", orgID, "--json").json()["id"] as? String == orgID)
                let missing = try await ctl.run("org", "show", "org_missing")
                #expect(missing.code == 3 && missing.isOneErrorLine && missing.stderr.contains("not found"), "\(missing)")
                let credit = try await ctl.run("org", "credit", orgID, "12345", "--description", "cli top-up")
                #expect(credit.code == 0 && credit.stdout.contains("$123.45"), "\(credit)")
                #expect(try await ctl.run("org", "credit", orgID, "100", "--json").json()["balanceCents"] as? Int == 12_445)
                #expect(try await ctl.run("org", "credit", "org_missing", "100").code == 3)

                // keys: the secret once, never in the list; revoke
                let key = try await ctl.run("key", "create", orgID, "--name", "ci", "--json").json()
                let secret = try #require(key["key"] as? String)
                let keyID = try #require(key["id"] as? String)
                let humanKey = try await ctl.run("key", "create", orgID, "--prefix", "zz", "--expires", "2099-01-01T00:00:00Z")
                #expect(humanKey.code == 0 && humanKey.stdout.contains("key:") && humanKey.stdout.contains("zz_"), "\(humanKey)")
                #expect(humanKey.stderr.contains("shown only now"))
                let badExpiry = try await ctl.run("key", "create", orgID, "--expires", "tomorrow")
                #expect(badExpiry.code == 2 && badExpiry.isOneErrorLine, "\(badExpiry)")
                let keys = try await ctl.run("key", "list", orgID)
                #expect(keys.code == 0 && keys.stdout.contains(keyID) && !keys.stdout.contains(secret), "\(keys.stdout)")
                #expect(keys.stdout.contains(String(secret.suffix(4))))
                let revoke = try await ctl.run("key", "revoke", orgID, keyID)
                #expect(revoke.code == 0 && revoke.stdout.contains("revoked"), "\(revoke)")
                #expect(try await ctl.run("key", "list", orgID).stdout.split(separator: "\n")
                    .contains { $0.hasPrefix(keyID) && $0.contains("revoked") })
                #expect(try await ctl.run("key", "revoke", orgID, "key_missing").code == 3)
                #expect(try await daemon.tcp.get("/v1/claw/instances", headers: [("Authorization", "Bearer \(secret)")]).status == 401)

                // ledger: every org's, one org's, JSON
                let ledger = try await ctl.run("ledger")
                #expect(ledger.code == 0 && ledger.stdout.contains("credit") && ledger.stdout.contains("cli top-up"), "\(ledger)")
                #expect(ledger.stdout.hasPrefix("ID "))
                let ledgerJSON = try await ctl.run("ledger", "--org", orgID, "--json").json()
                #expect((ledgerJSON["entries"] as? [Any])?.count == 2)
                #expect(try await ctl.run("ledger", "--org", "org_missing").code == 3)

                // events: stored history (ends by itself), --json lines, --since
                let events = try await ctl.run("events", "--json")
                #expect(events.code == 0, "\(events)")
                let eventObjects = events.stdout.split(separator: "\n").compactMap {
                    try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
                }
                #expect(eventObjects.contains { ($0["type"] as? String)?.hasPrefix("billing.") == true }, "\(events.stdout)")
                let lastID = (eventObjects.last?["id"] as? Int) ?? 0
                #expect(try await ctl.run("events", "--since", "\(lastID)").stdout.isEmpty)

                let reconcile = try await ctl.run("reconcile")
                #expect(reconcile.code == 0, "\(reconcile)")
                #expect(try await ctl.run("reconcile", "--json").json()["changed"] != nil)
            }
        }

        @Test("instance create --wait ends RUNNING; logs --follow sees a new line; rebuild keeps the old logs; stop/start/renew/wait/delete")
        func instanceCommands() async throws {
            try Clawctl.requireBinary()
            try await E2EInstall.with { install in
                let daemon = try await install.start()
                let ctl = Clawctl(socket: daemon.socketPath)
                let orgID = try #require(try await ctl.run("org", "create", "cli-\(install.installID)", "--json").json()["id"] as? String)
                try await ctl.run("org", "credit", orgID, "10000")

                let noOrg = try await ctl.run("instance", "create", "--subdomain", "nope")
                #expect(noOrg.code == 2 && noOrg.isOneErrorLine, "\(noOrg)")
                let badSub = try await ctl.run("instance", "create", "--org", orgID, "--subdomain", "-bad")
                #expect(badSub.code == 2 && badSub.isOneErrorLine, "\(badSub)")

                let sub = "cli\(E2E.suffix())"
                let created = try await ctl.run("instance", "create", "--org", orgID, "--subdomain", sub, "--wait", "--json")
                #expect(created.code == 0, "\(created)")
                let instance = try created.json()
                #expect(instance["status"] as? String == "RUNNING", "\(created)")
                #expect(created.stderr.contains("→ RUNNING"), "no progress line: \(created.stderr)")
                let id = try #require(instance["id"] as? String)

                let list = try await ctl.run("instance", "list")
                #expect(list.stdout.hasPrefix("ID ") && list.stdout.contains("PAID UNTIL"), "\(list.stdout)")
                #expect(list.stdout.split(separator: "\n").contains { $0.hasPrefix(id) && $0.contains(sub) && $0.contains("RUNNING") })
                let running = try await ctl.run("instance", "list", "--org", orgID, "--status", "running", "--json").json()
                #expect((running["instances"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
                #expect((try await ctl.run("instance", "list", "--status", "STOPPED", "--json").json()["instances"] as? [Any])?.isEmpty == true)
                let show = try await ctl.run("instance", "show", id)
                #expect(show.stdout.contains("subdomain:") && show.stdout.contains(sub) && show.stdout.contains("RUNNING"), "\(show.stdout)")
                let unknown = try await ctl.run("instance", "show", "cnothere")
                #expect(unknown.code == 3 && unknown.isOneErrorLine, "\(unknown)")

                // logs: the boot line; --follow receives a line the instance writes later.
                let logs = try await ctl.run("instance", "logs", id)
                #expect(logs.code == 0 && logs.stdout.contains("demo-bot:"), "\(logs)")
                let follower = try ctl.start("instance", "logs", id, "--follow", "--tail", "5")
                defer { follower.stop() }
                #expect(await follower.waitFor("demo-bot:"), "no initial line: \(follower.stdout)")
                let marker = "cli-marker-\(UUID().uuidString)"
                _ = try await install.podman(["exec", E2EInstall.containerName(id), "sh", "-c", "echo \(marker) > /proc/1/fd/1"])
                #expect(await follower.waitFor(marker), "logs --follow did not show the new line: \(follower.stdout)")
                let tail = try await ctl.run("instance", "logs", id, "--tail", "1", "--json")
                #expect(tail.stdout.split(separator: "\n").count == 1 && tail.stdout.contains(marker), "\(tail)")
                #expect(try await ctl.run("instance", "logs", id, "--previous").code == 3)

                // rebuild --wait: a new generation; the replaced one's logs are kept.
                let rebuilt = try await ctl.run("instance", "rebuild", id, "--wait")
                #expect(rebuilt.code == 0 && rebuilt.stdout.contains("RUNNING"), "\(rebuilt)")
                #expect(await follower.waitFor("received SIGTERM"), "the follower did not see the old container stop")
                let previous = try await ctl.run("instance", "logs", id, "--previous")
                #expect(previous.code == 0 && previous.stdout.contains(marker), "\(previous)")
                #expect(!(try await ctl.run("instance", "logs", id).stdout.contains(marker)), "the new container shows old logs")
                #expect(FileManager.default.fileExists(atPath: install.dir + "/data/logs/\(id)/gen-1.log"))

                // stop / start / restart / renew with --wait, wait
                let stopped = try await ctl.run("instance", "stop", id, "--wait")
                #expect(stopped.code == 0 && stopped.stdout.contains("STOPPED"), "\(stopped)")
                let waited = try await ctl.run("instance", "wait", id, "--status", "STOPPED")
                #expect(waited.code == 0 && waited.stdout.contains("STOPPED"), "\(waited)")
                let notYet = try await ctl.run("instance", "wait", id, "--status", "RUNNING", "--timeout", "1")
                #expect(notYet.code == 1 && notYet.stderr.contains("timed out"), "\(notYet)")
                let started = try await ctl.run("instance", "start", id, "--wait", "--json")
                #expect(try started.json()["status"] as? String == "RUNNING", "\(started)")
                #expect(try await ctl.run("instance", "restart", id, "--wait").code == 0)
                let before = instance["paidUntil"] as? String ?? ""
                let renewed = try await ctl.run("instance", "renew", id, "--wait", "--json")
                #expect(renewed.code == 0, "\(renewed)")
                #expect((try renewed.json()["paidUntil"] as? String ?? "") > before, "\(renewed)")
                let ledger = try await ctl.run("ledger", "--org", orgID)
                #expect(ledger.stdout.split(separator: "\n").filter { $0.contains("charge") }.count == 2, "\(ledger.stdout)")

                // events --follow sees the delete; delete --yes --wait ends DELETED.
                let events = try ctl.start("events", "--follow", "--since", "0")
                defer { events.stop() }
                #expect(await events.waitFor("instance.created"), "\(events.stdout)")
                let deleted = try await ctl.run("instance", "delete", id, "--yes", "--wait")
                #expect(deleted.code == 0 && deleted.stdout.contains("DELETED"), "\(deleted)")
                #expect(await events.waitFor("instance.deleted"), "\(events.stdout)")
                let gone = try await ctl.run("instance", "logs", id)
                #expect(gone.code == 3 && gone.isOneErrorLine, "\(gone)")
                let again = try await ctl.run("instance", "stop", id)
                #expect(again.code == 1 && again.isOneErrorLine, "\(again)")
            }
        }
    }
}
