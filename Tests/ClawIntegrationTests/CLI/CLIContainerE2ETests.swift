import AsyncHTTPClient
import ClawClient
import ClawCore
import ClawTestSupport
import Foundation
import Synchronization
import Testing

/// The built `clawctl container …` against a built clawd over its Unix socket: the host-wide
/// controls (max-concurrent, mount allowlist, credential proxy and mappings) round trip, their
/// audit entries, exit codes (2 for bad arguments that change nothing, 3 for missing objects,
/// 1 for a refused mount), a credential read from a file that no output ever shows, and a real
/// agent run on podman with `run --wait`.
@Suite("clawctl container against the built clawd", .serialized)
struct CLIContainerE2ETests {
    static let env = ["CLAWD_CREDENTIAL_PROXY_AUTOSTART": "false", "CLAWD_CREDENTIAL_PROXY_BIND": "127.0.0.1"]

    /// Every clawctl result of a test, to check that none shows the credential.
    final class Transcript: @unchecked Sendable {
        var results: [Clawctl.Result] = []
        let ctl: Clawctl
        init(_ ctl: Clawctl) { self.ctl = ctl }

        @discardableResult
        func run(_ args: String..., timeout: Duration = .seconds(180)) async throws -> Clawctl.Result {
            try await run(args, timeout: timeout)
        }

        @discardableResult
        func run(_ args: [String], timeout: Duration = .seconds(180)) async throws -> Clawctl.Result {
            let r = try await ctl.run(args, timeout: timeout)
            results.append(r)
            return r
        }
    }

    static func lines(_ text: String) -> [Substring] { text.split(separator: "\n") }

    /// A JSON object as sorted-key text, for comparing two answers.
    static func canonical(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test("container --help lists every command; the man page generator picks them all up")
    func help() async throws {
        try Clawctl.requireBinary()
        let ctl = Clawctl()
        let help = try await ctl.run("container", "--help")
        #expect(help.code == 0)
        for verb in ["status", "max-concurrent", "allowlist", "proxy", "groups", "run", "run-status", "runs",
                     "follow-up", "close", "audit"] {
            #expect(help.stdout.contains("\n  \(verb) "), "container --help lacks \(verb)")
        }
        let add = try await ctl.run("container", "proxy", "mapping", "add", "--help")
        for option in ["--name", "--upstream", "--type", "--credential-file", "--socket", "--json"] {
            #expect(add.stdout.contains(option), "mapping add --help lacks \(option)")
        }
        #expect(!add.stdout.contains("--credential "), "a credential option on the command line")
        let man = Process()
        man.executableURL = URL(fileURLWithPath: TestPaths.repoRoot + "/scripts/make-man")
        man.arguments = [Clawctl.path]
        let pipe = Pipe()
        man.standardOutput = pipe
        man.standardError = FileHandle.nullDevice
        try man.run()
        let page = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        man.waitUntilExit()
        #expect(man.terminationStatus == 0)
        for path in ["container status", "container allowlist validate", "container proxy mapping add", "container run-status",
                     "container audit"] {
            #expect(page.contains(".SS \"clawctl \(path)\""), "the man page lacks \(path)")
        }
    }

    @Test("max-concurrent, allowlist set/show/validate, proxy and mappings from a file, audit; bad arguments exit 2 and change nothing")
    func hostWideControls() async throws {
        try Clawctl.requireBinary()
        let d = try await ContainerDaemon.start(extra: Self.env)
        defer { Task { await d.stop() } }
        let ctl = Transcript(Clawctl(socket: d.daemon.socketPath))

        // status: runtime, queue, proxy; --json holds the four API answers.
        let status = try await ctl.run("container", "status")
        #expect(status.code == 0, "\(status)")
        for key in ["runtime:", "runs:", "max concurrent:", "run history:", "containers:", "credential proxy:"] {
            #expect(status.stdout.contains(key), "status lacks \(key):\n\(status.stdout)")
        }
        #expect(status.stdout.contains("stopped (port \(d.proxyPort))"), "\(status.stdout)")
        let statusJSON = try await ctl.run("container", "status", "--json").json()
        #expect(Set(statusJSON.keys) == ["runtime", "queue", "metrics", "credentialProxy"])
        #expect((statusJSON["queue"] as? [String: Any])?["maxConcurrent"] as? Int == 5)

        // max-concurrent: show, set, show again (human and --json), and the API agrees.
        #expect(try await ctl.run("container", "max-concurrent").stdout == "max concurrent: 5\n")
        let set = try await ctl.run("container", "max-concurrent", "3")
        #expect(set.code == 0 && set.stdout == "max concurrent: 3\n", "\(set)")
        #expect(try await ctl.run("container", "max-concurrent", "--json").json()["maxConcurrent"] as? Int == 3)
        #expect(try await d.json("GET", "/queue/max-concurrent")["maxConcurrent"] as? Int == 3)

        // allowlist: deny by default, then two roots (one rw) and a blocked pattern.
        let root = MountSecurity.realPath(try TestPaths.makeTempDir("cliroot"))!
        let docs = MountSecurity.realPath(try TestPaths.makeTempDir("clidocs"))!
        defer {
            try? FileManager.default.removeItem(atPath: root)
            try? FileManager.default.removeItem(atPath: docs)
        }
        for sub in ["project", "build-cache"] {
            try FileManager.default.createDirectory(atPath: root + "/" + sub, withIntermediateDirectories: true)
        }
        let empty = try await ctl.run("container", "allowlist", "show")
        #expect(empty.code == 0 && empty.stdout.contains("every extra mount is refused"), "\(empty)")
        let allowSet = try await ctl.run("container", "allowlist", "set", "--root", root + ":rw", "--root", docs,
                                         "--blocked", "build-cache", "--no-non-main-read-only")
        #expect(allowSet.code == 0, "\(allowSet)")
        let shown = try await ctl.run("container", "allowlist", "show")
        let rows = Self.lines(shown.stdout)
        #expect(rows.first?.split(separator: " ", omittingEmptySubsequences: true) == ["ROOT", "ACCESS", "DESCRIPTION"], "\(shown)")
        #expect(rows.contains { $0.hasPrefix(root + " ") && $0.contains(" rw ") }, "\(shown.stdout)")
        #expect(rows.contains { $0.hasPrefix(docs + " ") && $0.contains(" ro ") }, "\(shown.stdout)")
        #expect(shown.stdout.contains("blocked patterns:   build-cache") && shown.stdout.contains("non-main read-only: no"),
                "\(shown.stdout)")
        let listJSON = try await ctl.run("container", "allowlist", "show", "--json").json()
        let apiList = try await d.json("GET", "/mount/allowlist")
        #expect(try Self.canonical(listJSON) == Self.canonical(apiList), "--json is not the API's answer")
        #expect(apiList["nonMainReadOnly"] as? Bool == false && apiList["blockedPatterns"] as? [String] == ["build-cache"])

        // validate: allowed (exit 0), refused outside the roots and by the pattern (exit 1, the reason on stderr).
        let allowed = try await ctl.run("container", "allowlist", "validate", root + "/project", "proj", "--rw")
        #expect(allowed.code == 0 && allowed.stdout.contains("allowed: \(root)/project") && allowed.stdout.contains("(rw)"),
                "\(allowed)")
        let outside = try await ctl.run("container", "allowlist", "validate", "/etc", "etc")
        #expect(outside.code == 1 && outside.isOneErrorLine && outside.stderr.contains("refused")
                && outside.stderr.contains("not under any allowed root"), "\(outside)")
        let roRoot = try await ctl.run("container", "allowlist", "validate", docs, "docs", "--rw")
        #expect(roRoot.code == 0 && roRoot.stdout.contains("(ro)") && roRoot.stderr.hasPrefix("read-only: "), "\(roRoot)")
        let blocked = try await ctl.run("container", "allowlist", "validate", root + "/build-cache", "cache")
        #expect(blocked.code == 1 && blocked.isOneErrorLine && blocked.stderr.contains("build-cache"), "\(blocked)")
        let refusedJSON = try await ctl.run("container", "allowlist", "validate", "/etc", "etc", "--json")
        #expect(try refusedJSON.code == 1 && refusedJSON.json()["allowed"] as? Bool == false, "\(refusedJSON)")

        // Bad arguments: exit 2, one line, nothing sent or changed.
        let entriesBefore = try JSONSerialization.jsonObject(with: try await d.send("GET", "/audit-log?limit=1000").body) as? [Any]
        let missingCredential = "/nonexistent/credential-\(d.installID)"
        for args in [["max-concurrent", "0"], ["max-concurrent", "-3"], ["max-concurrent", "257"],
                     ["allowlist", "set", "--root", "relative/path"], ["allowlist", "set", "--root", "/srv/../etc"],
                     ["allowlist", "set"], ["allowlist", "set", "--root", root, "--blocked", "a/b"],
                     ["allowlist", "validate", "relative", "x"],
                     ["proxy", "port", "80"], ["proxy", "port", "70000"],
                     ["proxy", "mapping", "add", "--name", "Bad Name", "--upstream", "http://127.0.0.1:9", "--type", "api_key",
                      "--credential-file", missingCredential],
                     ["proxy", "mapping", "add", "--name", "x", "--upstream", "ftp://127.0.0.1", "--type", "api_key",
                      "--credential-file", missingCredential],
                     ["proxy", "mapping", "add", "--name", "x", "--upstream", "http://127.0.0.1:9", "--type", "basic",
                      "--credential-file", missingCredential],
                     ["proxy", "mapping", "add", "--name", "x", "--upstream", "http://127.0.0.1:9", "--type", "api_key",
                      "--credential-file", missingCredential],
                     ["proxy", "mapping", "add", "--name", "x", "--upstream", "http://127.0.0.1:9", "--type", "api_key",
                      "--credential-file", "-"],
                     ["proxy", "mapping", "add", "--name", "x", "--upstream", "http://127.0.0.1:9", "--type", "api_key",
                      "--org", "nope", "--credential-file", missingCredential],
                     ["run", "--group", "-x", "hi"], ["run", "--group=-x", "hi"], ["run", "--group", "g"],
                     ["run", "--group", "g", "hi", "--timeout-secs", "-1"], ["run", "--group", "g", "hi", "--wait-timeout", "5"],
                     ["runs", "--limit", "0"], ["runs", "--group", "UPPER"], ["audit", "--since", "yesterday"],
                     ["audit", "--limit", "1001"], ["groups", "--org=-x"], ["groups", "--org", "org x"]] {
            let r = try await ctl.run(["container"] + args)
            #expect(r.code == 2 && r.isOneErrorLine, "\(args): \(r)")
        }
        #expect(try await d.json("GET", "/queue/max-concurrent")["maxConcurrent"] as? Int == 3)
        let afterBad = try await d.json("GET", "/mount/allowlist")
        #expect(try Self.canonical(afterBad) == Self.canonical(apiList), "a bad allowlist set changed it")
        let proxyAfterBad = try await d.json("GET", "/credential-proxy/status")
        #expect(proxyAfterBad["port"] as? Int == d.proxyPort && (proxyAfterBad["mappings"] as? [Any])?.isEmpty == true)
        let entriesAfter = try JSONSerialization.jsonObject(with: try await d.send("GET", "/audit-log?limit=1000").body) as? [Any]
        #expect(entriesAfter?.count == entriesBefore?.count, "bad arguments reached the daemon")

        // A mapping from a file (one trailing newline dropped), listed without the credential, used, removed.
        try await withUpstream { upstream in
            let credential = "sk-cli-" + Identifier.make(prefix: "", length: 24)
            let file = try TestPaths.makeTempDir("cred") + "/key"
            defer { try? FileManager.default.removeItem(atPath: file) }
            _ = FileManager.default.createFile(atPath: file, contents: Data((credential + "\n").utf8), attributes: [.posixPermissions: 0o600])
            let added = try await ctl.run("container", "proxy", "mapping", "add", "--name", "anthropic",
                                          "--upstream", "http://127.0.0.1:\(upstream.port)", "--type", "api_key",
                                          "--credential-file", file)
            #expect(added.code == 0, "\(added)")
            func field(_ r: Clawctl.Result, _ key: String) -> String? {
                Self.lines(r.stdout).first { $0.hasPrefix(key + ":") }?.split(separator: " ").last.map(String.init)
            }
            let id = try #require(field(added, "id"), "\(added)")
            let placeholder = try #require(field(added, "placeholder"), "\(added)")
            let dup = try await ctl.run("container", "proxy", "mapping", "add", "--name", "anthropic",
                                        "--upstream", "http://127.0.0.1:\(upstream.port)", "--type", "bearer",
                                        "--credential-file", file)
            #expect(dup.code == 1 && dup.isOneErrorLine, "\(dup)")

            let list = try await ctl.run("container", "proxy", "mapping", "list")
            #expect(list.code == 0 && Self.lines(list.stdout).contains { $0.hasPrefix(id + " ") && $0.contains("anthropic")
                && $0.contains("api_key") && $0.contains(placeholder) }, "\(list)")
            let listed = try #require(try JSONSerialization.jsonObject(with: Data(
                try await ctl.run("container", "proxy", "mapping", "list", "--json").stdout.utf8)) as? [[String: Any]])
            #expect(listed.map { $0["id"] as? String } == [id])

            // The proxy: moved, started, forwarding with the credential exactly as in the file minus the newline.
            let port = try TestPaths.freePort()
            let moved = try await ctl.run("container", "proxy", "port", "\(port)")
            #expect(moved.code == 0 && moved.stdout.contains("127.0.0.1:\(port)"), "\(moved)")
            let started = try await ctl.run("container", "proxy", "start")
            #expect(started.code == 0 && started.stdout.contains("running"), "\(started)")
            #expect(try await ctl.run("container", "proxy", "status", "--json").json()["running"] as? Bool == true)
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/anthropic/v1/echo")
            request.headers.add(name: "x-api-key", value: placeholder)
            let forwarded = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
            #expect(forwarded.status == .ok)
            #expect(upstream.seen.withLock { $0.last?["x-api-key"] } == credential, "the newline was not dropped or the key not swapped")
            let proxyStatus = try await ctl.run("container", "status")
            #expect(proxyStatus.stdout.contains("running on 127.0.0.1:\(port), 1 mapping"), "\(proxyStatus.stdout)")
            let stopped = try await ctl.run("container", "proxy", "stop")
            #expect(stopped.code == 0 && stopped.stdout.contains("running:         no"), "\(stopped)")

            let removed = try await ctl.run("container", "proxy", "mapping", "rm", id)
            #expect(removed.code == 0 && removed.stdout == "removed \(id)\n", "\(removed)")
            #expect(try await ctl.run("container", "proxy", "mapping", "list").stdout.split(separator: "\n").count == 1)
            let again = try await ctl.run("container", "proxy", "mapping", "rm", id)
            #expect(again.code == 3 && again.isOneErrorLine, "\(again)")

            // A mapping only one org's runs may use: --org sends orgIds; list shows them; an unknown org is refused.
            let scopeOrg = try #require(try await ctl.run("org", "create", "cli-scope-\(d.installID)", "--json").json()["id"] as? String)
            let scopedArgs = ["container", "proxy", "mapping", "add", "--name", "scoped", "--upstream",
                              "http://127.0.0.1:\(upstream.port)", "--type", "bearer", "--credential-file", file]
            let unknownOrg = try await ctl.run(scopedArgs + ["--org", "org_doesnotexist"])
            #expect(unknownOrg.code == 2 && unknownOrg.isOneErrorLine, "\(unknownOrg)")
            let scoped = try await ctl.run(scopedArgs + ["--org", scopeOrg])
            #expect(scoped.code == 0 && scoped.stdout.contains(scopeOrg), "\(scoped)")
            let scopedList = try #require(try JSONSerialization.jsonObject(with: Data(
                try await ctl.run("container", "proxy", "mapping", "list", "--json").stdout.utf8)) as? [[String: Any]])
            #expect(scopedList.count == 1 && scopedList.first?["orgIds"] as? [String] == [scopeOrg], "\(scopedList)")
            #expect(try await ctl.run("container", "proxy", "mapping", "list").stdout.contains(scopeOrg))
            let scopedID = try #require(scopedList.first?["id"] as? String)
            #expect(try await ctl.run("container", "proxy", "mapping", "rm", scopedID).code == 0)

            // The audit log shows each action, by the admin; --since and --limit; an unknown org is 3.
            let audit = try await ctl.run("container", "audit", "--limit", "1000")
            #expect(audit.code == 0, "\(audit)")
            let auditLines = Self.lines(audit.stdout)
            #expect(auditLines.first?.split(separator: " ", omittingEmptySubsequences: true)
                    == ["AT", "ACTOR", "ACTION", "TARGET", "OUTCOME", "DETAIL"])
            for (action, target, outcome) in [("queue.max-concurrent", "maxConcurrent", "ok"), ("mount.allowlist", "allowlist", "ok"),
                                              ("mount.validate", "\(root)/project→proj", "allowed"),
                                              ("mount.validate", "/etc→etc", "refused"),
                                              ("proxy.mapping.create", "\(id) anthropic", "ok"),
                                              ("proxy.port", "port \(port)", "ok"), ("proxy.start", "credential-proxy", "ok"),
                                              ("proxy.stop", "credential-proxy", "ok"),
                                              ("proxy.mapping.delete", "\(id) anthropic", "ok")] {
                #expect(auditLines.contains { $0.contains(" admin ") && $0.contains(" \(action) ") && $0.contains(target)
                    && $0.contains(" \(outcome) ") }, "audit lacks \(action) \(target) \(outcome):\n\(audit.stdout)")
            }
            func entries(_ args: String...) async throws -> [[String: Any]] {
                let r = try await ctl.run(["container", "audit", "--json"] + args)
                return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]], "\(r)")
            }
            let recent = try await entries("--since", "10m", "--limit", "1000")
            #expect(recent.contains { $0["action"] as? String == "proxy.mapping.delete" && $0["outcome"] as? String == "ok" })
            let two = try await entries("--limit", "2")
            #expect(two.count == 2 && two.map { $0["id"] as? Int } == recent.prefix(2).map { $0["id"] as? Int })
            let future = try await ctl.run("container", "audit", "--since", "2099-01-01T00:00:00Z")
            #expect(future.code == 0 && Self.lines(future.stdout).count == 1, "\(future)")
            let noOrg = try await ctl.run("container", "audit", "--org", "org_missing")
            #expect(noOrg.code == 3 && noOrg.isOneErrorLine, "\(noOrg)")

            for r in ctl.results {
                #expect(!r.stdout.contains(credential) && !r.stderr.contains(credential), "the credential was printed: \(r)")
            }
            let all = try await d.send("GET", "/audit-log?limit=1000")
            #expect(!all.text.contains(credential))
        }
    }

    @Test("groups, run --wait on real podman (output printed, exit 1 on timeout), run-status and runs; missing org, group or run exits 3")
    func groupsAndRuns() async throws {
        try Clawctl.requireBinary()
        // The shell agent of the runs suites: it runs its prompt as a script and exits.
        try await RunsDaemon.ensureImage()
        let d = try await ContainerDaemon.start(extra: Self.env.merging([
            "CLAWD_AGENT_IMAGE": RunsDaemon.agentImage, "CLAWD_CONTAINER_STOP_GRACE_SECONDS": "1",
        ]) { _, new in new })
        defer { Task { await d.stop() } }
        let ctl = Transcript(Clawctl(socket: d.daemon.socketPath))
        let org = try #require(try await ctl.run("org", "create", "cli-ctr-\(d.installID)", "--json").json()["id"] as? String)
        let group = "cli-\(E2E.suffix())"
        let created = try await d.daemon.admin.request(
            "POST", "/api/v1/container/namespaces", headers: [("X-Clawd-Org", org)],
            json: try JSONSerialization.data(withJSONObject: ["name": group, "description": "from the CLI test"]))
        #expect(created.status == 201, "\(created.text)")

        let groups = try await ctl.run("container", "groups", "--org", org)
        #expect(groups.code == 0 && Self.lines(groups.stdout).contains { $0.hasPrefix(group + " ") && $0.contains("from the CLI test") },
                "\(groups)")
        #expect(try await ctl.run("container", "groups").stdout.contains(group))
        let other = try #require(try await ctl.run("org", "create", "cli-other-\(d.installID)", "--json").json()["id"] as? String)
        #expect(!(try await ctl.run("container", "groups", "--org", other).stdout.contains(group)))
        let groupsJSON = try JSONSerialization.jsonObject(with: Data(try await ctl.run("container", "groups", "--org", org, "--json").stdout.utf8))
        #expect((groupsJSON as? [[String: Any]])?.map { $0["name"] as? String } == [group])

        for args in [["groups", "--org", "org_missing"], ["run", "--group", "nosuch", "hi"],
                     ["run", "--org", other, "--group", group, "hi"], ["runs", "--group", "nosuch"],
                     ["run-status", "run_missing"], ["run-status", "run_missing", "--wait"],
                     ["follow-up", "--org", other, "--group", group, "hi"], ["close", "--org", other, "--group", group]] {
            let r = try await ctl.run(["container"] + args)
            #expect(r.code == 3 && r.isOneErrorLine, "\(args): \(r)")
        }
        // IPC: bad arguments exit 2; a follow-up with no active run is refused (1); close writes the marker.
        for args in [["follow-up", "--group", group], ["follow-up", "--group", "-x", "hi"], ["close", "--group", "UPPER"],
                     ["follow-up", "--group", group, "hi", "--text-file", "/nonexistent"]] {
            let r = try await ctl.run(["container"] + args)
            #expect(r.code == 2 && r.isOneErrorLine, "\(args): \(r)")
        }
        let idle = try await ctl.run("container", "follow-up", "--org", org, "--group", group, "anyone there?")
        #expect(idle.code == 1 && idle.stderr.contains("no active run"), "\(idle)")
        let closed = try await ctl.run("container", "close", "--org", org, "--group", group)
        #expect(closed.code == 0 && closed.stdout == "closed \(group)\n", "\(closed)")
        #expect(FileManager.default.fileExists(atPath: d.daemon.dir + "/data/ipc/\(group)/input/_close"))
        try? FileManager.default.removeItem(atPath: d.daemon.dir + "/data/ipc/\(group)/input/_close")

        // A real run in a container: its output printed. The prompt starts with - (after --).
        // (The socket comes from CLAWD_SOCKET here: the runner appends --socket, which would follow --.)
        let viaEnv = Clawctl(environment: ["CLAWD_SOCKET": d.daemon.socketPath])
        let waited = try await viaEnv.run(["container", "run", "--org", org, "--group", group, "--wait", "--",
                                           "-v 2>/dev/null; echo hello from clawctl"], timeout: .seconds(600))
        ctl.results.append(waited)
        #expect(waited.code == 0 && waited.stdout == "hello from clawctl\n", "\(waited)")
        #expect(waited.stderr.contains("succeeded"), "\(waited)")
        // The prompt from a file, started without waiting, then followed by id.
        let promptFile = try TestPaths.makeTempDir("prompt") + "/p"
        try "echo second\n".write(toFile: promptFile, atomically: true, encoding: .utf8)
        let queued = try await ctl.run("container", "run", "--group", group, "--prompt-file", promptFile, "--json")
        let runID = try #require(try queued.json()["runId"] as? String, "\(queued)")
        let final = try await ctl.run("container", "run-status", runID, "--wait", "--json", timeout: .seconds(600))
        #expect(try final.code == 0 && final.json()["output"] as? String == "second", "\(final)")
        let shown = try await ctl.run("container", "run-status", runID, "--org", org)
        #expect(shown.code == 0 && shown.stdout.contains("status:") && shown.stdout.contains("succeeded")
                && shown.stdout.hasSuffix("\nsecond\n"), "\(shown)")
        #expect(try await ctl.run("container", "run-status", runID, "--org", other).code == 3)
        // A run silent past its timeout: exit 1 with the reason.
        let slow = try await ctl.run("container", "run", "--group", group, "--timeout-secs", "2", "--wait", "sleep 60",
                                     timeout: .seconds(600))
        #expect(slow.code == 1 && slow.stderr.contains("timeout") && slow.stderr.contains("no output for 2 s"), "\(slow)")

        let runs = try await ctl.run("container", "runs", "--org", org, "--group", group)
        let runLines = Self.lines(runs.stdout)
        #expect(runs.code == 0 && runLines.count == 4 && runLines[2].hasPrefix(runID + " ") && runLines[2].contains("succeeded")
                && runLines[1].contains("timeout"), "\(runs)")
        let limited = try JSONSerialization.jsonObject(with: Data(try await ctl.run("container", "runs", "--limit", "1", "--json").stdout.utf8))
        #expect((limited as? [[String: Any]])?.count == 1 && (limited as? [[String: Any]])?.first?["status"] as? String == "timeout")
        let status = try await ctl.run("container", "status")
        #expect(status.stdout.contains("succeeded 2") && status.stdout.contains("timeout 1"), "\(status.stdout)")
    }
}
